-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 005: officers' publication decisions. A row overrides the survey file's
-- publication rule when published is not NULL (1 or 0) and may carry "You said, we did" in
-- each language, which then replaces the file's text.

CREATE TABLE survey_publication (
  survey_id VARCHAR(63) NOT NULL,
  published TINYINT NULL,
  you_said_en TEXT NULL,
  you_said_cy TEXT NULL,
  updated_by VARCHAR(64) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (survey_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
