-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 003: rate limits per client network, flags on suspicious responses,
-- withdrawal. A network is kept only as a keyed hash of its /24 or /48
-- prefix, and only until its window expires. Rate limits live in a MEMORY
-- table: shared by every worker and app host, no disk write per request,
-- and nothing worth keeping is lost when the database restarts.

CREATE TABLE rate_limit (
  network_key CHAR(64) NOT NULL,
  bucket VARCHAR(80) NOT NULL,
  window_start DATETIME NOT NULL,
  hits INT UNSIGNED NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  PRIMARY KEY (network_key, bucket, window_start),
  KEY rate_limit_expiry (expires_at)
) ENGINE=MEMORY DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE response
  ADD COLUMN flagged TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN flag_reason VARCHAR(64) NULL,
  ADD COLUMN withdrawn_at DATETIME(3) NULL,
  ADD KEY response_flagged (survey_id, flagged);
