-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 001: surveys versions, responses and their answers.
-- InnoDB, utf8mb4; times in UTC.

CREATE TABLE survey_version (
  survey_id VARCHAR(63) NOT NULL,
  version_hash CHAR(64) NOT NULL,
  first_seen DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (survey_id, version_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE response (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  survey_id VARCHAR(63) NOT NULL,
  version_hash CHAR(64) NOT NULL,
  receipt CHAR(14) NOT NULL,
  submission_id CHAR(32) NOT NULL,
  lang CHAR(2) NOT NULL,
  channel ENUM('web', 'paper', 'phone') NOT NULL DEFAULT 'web',
  status ENUM('complete', 'withdrawn') NOT NULL DEFAULT 'complete',
  submitted_at DATETIME(3) NOT NULL,
  geo_country CHAR(2) NULL,
  geo_region VARCHAR(16) NULL,
  in_area TINYINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY response_receipt (receipt),
  UNIQUE KEY response_submission (submission_id),
  KEY response_survey (survey_id, status, submitted_at),
  CONSTRAINT response_version FOREIGN KEY (survey_id, version_hash)
    REFERENCES survey_version (survey_id, version_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE answer (
  response_id BIGINT UNSIGNED NOT NULL,
  survey_id VARCHAR(63) NOT NULL,
  question_id VARCHAR(160) NOT NULL,
  ord SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  value TEXT NOT NULL,
  PRIMARY KEY (response_id, question_id, ord),
  KEY answer_question (survey_id, question_id, value(64)),
  CONSTRAINT answer_response FOREIGN KEY (response_id)
    REFERENCES response (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
