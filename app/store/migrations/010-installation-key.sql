-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 010: a one-way id of the secret key the installation's instances share
-- (app/store/instkey.c). An instance started with another key refuses to
-- serve, instead of refusing half of the forms its neighbours served;
-- 'yourvoice key adopt' records a new key when the operator replaces it.

CREATE TABLE installation_key (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  key_id CHAR(16) CHARACTER SET ascii NOT NULL,
  adopted_at DATETIME NOT NULL
) ENGINE=InnoDB;
