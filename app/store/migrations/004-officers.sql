-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 004: officer and councillor accounts, their sign-in sessions, and the
-- audit log of what they do. Passwords are Argon2id strings (libsodium);
-- sessions are kept as the SHA-256 of their random cookie.

CREATE TABLE app_user (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  username VARCHAR(64) NOT NULL,
  display_name VARCHAR(128) NOT NULL,
  role ENUM('officer', 'councillor') NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  disabled TINYINT NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY app_user_name (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An account limited to named surveys has rows here; none means all.
CREATE TABLE app_user_survey (
  user_id BIGINT UNSIGNED NOT NULL,
  survey_id VARCHAR(63) NOT NULL,
  PRIMARY KEY (user_id, survey_id),
  CONSTRAINT app_user_survey_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE admin_session (
  id_hash CHAR(64) NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(3) NOT NULL,
  last_seen DATETIME(3) NOT NULL,
  PRIMARY KEY (id_hash),
  KEY admin_session_seen (last_seen),
  CONSTRAINT admin_session_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  at DATETIME(3) NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  username VARCHAR(64) NOT NULL,
  action VARCHAR(64) NOT NULL,
  survey_id VARCHAR(63) NULL,
  detail VARCHAR(1024) NULL,
  PRIMARY KEY (id),
  KEY audit_log_at (at),
  KEY audit_log_survey (survey_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
