-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 040: every channel served (issue 20). Officers enter responses that came
-- in face to face or by email as well as on paper and by phone, each kept
-- with its channel so that results and the officers' dashboard count them
-- apart. Existing values keep their meaning.

ALTER TABLE response
  MODIFY channel ENUM('web', 'paper', 'phone', 'face-to-face', 'email') NOT NULL DEFAULT 'web';
