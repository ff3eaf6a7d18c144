-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 011: frozen snapshots of the published breakdowns (docs/privacy.md). The
-- public sees figures by group (area, a <by> question, in-area, theme shares
-- by area) only from the latest snapshot, taken when officers publish and
-- when the survey closes, never counted live; the next snapshot reads the
-- groups this one suppressed, so a suppression is never undone by
-- subtraction. figures: {"breakdowns": [...], "themes_by_area": {qid: [...]}}
-- with every count already perturbed; taken_at in Unix seconds.

CREATE TABLE results_snapshot (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  survey_id VARCHAR(63) NOT NULL,
  reason VARCHAR(16) NOT NULL,
  taken_at BIGINT NOT NULL,
  respondents BIGINT NOT NULL,
  figures LONGTEXT NOT NULL,
  PRIMARY KEY (id),
  KEY results_snapshot_survey (survey_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
