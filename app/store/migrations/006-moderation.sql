-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 006: officers' moderation of free text. A row hides one answer (and so
-- any quote of it) from everything published: results pages, open data and
-- exports for roles that see redacted text only. Unhiding deletes the row;
-- the audit log keeps who decided what and when.

CREATE TABLE answer_moderation (
  response_id BIGINT UNSIGNED NOT NULL,
  question_id VARCHAR(160) NOT NULL,
  survey_id VARCHAR(63) NOT NULL,
  reason VARCHAR(255) NOT NULL,
  decided_by VARCHAR(64) NOT NULL,
  decided_at DATETIME(3) NOT NULL,
  PRIMARY KEY (response_id, question_id),
  KEY answer_moderation_survey (survey_id, question_id),
  CONSTRAINT answer_moderation_response FOREIGN KEY (response_id)
    REFERENCES response (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
