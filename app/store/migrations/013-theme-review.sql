-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 013: officers' review of themes (issue 17). theme_decision gains
-- approval (only approved themes are published) and officer-created
-- themes (a theme made by hand, or by splitting chosen answers out of
-- another: it has no automatic label, so its labels are the officer's).
-- theme_move holds answers an officer moved to another theme, by response
-- and stable theme key: applied over every recomputed summary when a page
-- is drawn (app/results/themeview.c), so the moves survive recomputation.
-- A move to a key that no longer exists has no effect.

ALTER TABLE theme_decision
  ADD COLUMN approved TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN approved_by VARCHAR(64) NULL,
  ADD COLUMN approved_at DATETIME(3) NULL,
  ADD COLUMN created TINYINT(1) NOT NULL DEFAULT 0;

CREATE TABLE theme_move (
  survey_id VARCHAR(63) NOT NULL,
  question_id VARCHAR(160) NOT NULL,
  response_id BIGINT UNSIGNED NOT NULL,
  theme_key VARCHAR(16) NOT NULL,
  decided_by VARCHAR(64) NOT NULL,
  decided_at DATETIME(3) NOT NULL,
  PRIMARY KEY (survey_id, question_id, response_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
