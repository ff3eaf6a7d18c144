-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 009: officers decide, per survey, whether responses flagged as suspicious
-- are left out of the published figures (they are always counted apart).

ALTER TABLE survey_publication
  ADD COLUMN exclude_flagged TINYINT NOT NULL DEFAULT 0;
