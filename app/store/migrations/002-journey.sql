-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 002: partial saves (save and resume), invitation codes.
-- Session cookies, resume codes and invitation codes are random; only
-- their SHA-256 is stored, so a copy of the database cannot be replayed.

CREATE TABLE partial (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  survey_id VARCHAR(63) NOT NULL,
  session_hash CHAR(64) NOT NULL,
  resume_hash CHAR(64) NOT NULL,
  lang CHAR(2) NOT NULL,
  answers MEDIUMTEXT NOT NULL,
  page_index SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  invitation_id BIGINT UNSIGNED NULL,
  email VARCHAR(254) NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY partial_session (survey_id, session_hash),
  UNIQUE KEY partial_resume (resume_hash),
  KEY partial_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE invitation (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  survey_id VARCHAR(63) NOT NULL,
  code_hash CHAR(64) NOT NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  used_at DATETIME(3) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY invitation_code (survey_id, code_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE response ADD COLUMN invitation_id BIGINT UNSIGNED NULL,
  ADD UNIQUE KEY response_invitation (invitation_id);
