-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 008: officers' decisions on flags, the personal-data permission of an
-- account, and a per-survey counter of moderation decisions.
--  - response.flag_decided_by/at/note: who last flagged or cleared a
--    response by hand, when, and why (flag_reason keeps what raised the flag:
--    'honeypot', 'too-fast', 'many-from-network', 'many-from-provider' or
--    'officer'). The audit log keeps every decision; these columns the last.
--  - app_user.personal_data: the account may export personal answers
--    (email, postcode and pattern questions) and unredacted free text.
--  - moderation_version: bumped in the same transaction as every flag, clear,
--    hide and unhide, so cached results notice any decision, even one that
--    leaves the number of flagged responses unchanged.

ALTER TABLE response
  ADD COLUMN flag_note VARCHAR(255) NULL,
  ADD COLUMN flag_decided_by VARCHAR(64) NULL,
  ADD COLUMN flag_decided_at DATETIME(3) NULL;

ALTER TABLE app_user ADD COLUMN personal_data TINYINT NOT NULL DEFAULT 0;

CREATE TABLE moderation_version (
  survey_id VARCHAR(63) NOT NULL,
  version BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (survey_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
