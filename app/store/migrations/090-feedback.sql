-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 090: the public page /feedback of a standing feedback survey (issue 21):
-- compliments and complaints as a running record. An officer opts a
-- standing survey in on its publication page and chooses how often the
-- page is updated (week, month, quarter). The page shows only the stored
-- snapshot of the last scheduled update (themes officers approved, their
-- suppressed stance split, redacted quotes: results/feedback.h), never
-- live figures, so two moments cannot be told apart between updates.
-- next_at is when the next snapshot is due; a snapshot is taken by the
-- first of the background process or a page request to see it due.

CREATE TABLE feedback_page (
  survey_id VARCHAR(63) NOT NULL,
  enabled TINYINT NOT NULL DEFAULT 0,
  every_unit VARCHAR(8) NOT NULL,
  snapshot MEDIUMTEXT NULL,
  updated_at DATETIME NULL,
  next_at DATETIME NULL,
  set_by VARCHAR(64) NOT NULL,
  set_at DATETIME(3) NOT NULL,
  PRIMARY KEY (survey_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
