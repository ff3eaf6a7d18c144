-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 080: surveys stored with their history (issue #22). Every version of
-- every survey's XML, numbered 1.. per survey, with the bytes exactly as
-- received (at most 1 MiB, the loader's limit), their SHA-256 (the
-- version_hash responses point to through survey_version), where it came
-- from (origin: a file of the surveys directory, an officer in the
-- browser, or a rollback to an earlier version's bytes), who and why.
-- state: a draft is kept but never served; the served version of a survey
-- is its highest published (or withdrawn) version, and a withdrawn one
-- (its file was removed from the directory it was imported from) is not
-- served. source names that directory (host:path) for file versions.

CREATE TABLE survey_xml_version (
  survey_id VARCHAR(63) NOT NULL,
  version INT UNSIGNED NOT NULL,
  xml MEDIUMBLOB NOT NULL,
  size INT UNSIGNED NOT NULL,
  sha256 CHAR(64) NOT NULL,
  origin ENUM('file', 'web', 'rollback') NOT NULL,
  source VARCHAR(512) NOT NULL DEFAULT '',
  author VARCHAR(64) NOT NULL,
  reason VARCHAR(500) NOT NULL DEFAULT '',
  state ENUM('draft', 'published', 'withdrawn') NOT NULL,
  created_at DATETIME(3) NOT NULL,
  published_at DATETIME(3) NULL,
  PRIMARY KEY (survey_id, version),
  KEY survey_xml_version_state (state, survey_id, version),
  CONSTRAINT survey_xml_version_size CHECK (size <= 1048576 AND size = LENGTH(xml))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
