-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 012: codes that unlock a resident's data are stored only as keyed
-- hashes (DESIGN.md §11): receipts (until now in plain text), submission
-- ids (a receipt is derived from its submission id under the key), resume
-- and invitation codes (until now a plain SHA-256).
--
-- The key is a file the database never sees, so this step makes every
-- stored code a plain SHA-256 of itself and marks the row codes_keyed = 0;
-- `yourvoice migrate` (when it can read the key) and every `yourvoice
-- serve` at start-up then replace each such hash h with HMAC(key, h) and
-- set codes_keyed = 1 (app/store/codes.c). New rows are keyed when
-- written (the column's default becomes 1).

ALTER TABLE response
  ADD COLUMN receipt_hash CHAR(64) NULL AFTER version_hash,
  MODIFY submission_id CHAR(64) NOT NULL,
  ADD COLUMN codes_keyed TINYINT NOT NULL DEFAULT 0;

UPDATE response SET receipt_hash = SHA2(receipt, 256), submission_id = SHA2(submission_id, 256);

ALTER TABLE response
  DROP KEY response_receipt,
  DROP COLUMN receipt,
  MODIFY receipt_hash CHAR(64) NOT NULL,
  ADD UNIQUE KEY response_receipt_hash (receipt_hash),
  ALTER COLUMN codes_keyed SET DEFAULT 1;

ALTER TABLE partial ADD COLUMN codes_keyed TINYINT NOT NULL DEFAULT 0;
ALTER TABLE partial ALTER COLUMN codes_keyed SET DEFAULT 1;

ALTER TABLE invitation ADD COLUMN codes_keyed TINYINT NOT NULL DEFAULT 0;
ALTER TABLE invitation ALTER COLUMN codes_keyed SET DEFAULT 1;
