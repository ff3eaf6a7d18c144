-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 020: results that are always ready (issue 23, DESIGN §12). results_total
-- holds, per survey, the sums of every count the results accumulator keeps
-- (app/results/totals.c: one "scope slot count keysum" line per cell, the
-- key sum being the cell key of docs/privacy.md before its modulo), apart
-- for responses counted (cells) and flagged ones (fcells), under the
-- fingerprint of the survey file and installation key they were counted
-- with. results_total_event is the queue of changes since: a send adds one
-- row with the response's cells (sign 1), a withdrawal one with sign -1, a
-- flag decision takes them out of one set and into the other; each in the
-- transaction of the change itself, so no send waits on another. Readers
-- add the queue to the totals; a folder (app/results/totals.c) moves
-- queued rows into the totals under the lock of the survey's row, deleting
-- exactly the rows it read, so a change committed late is folded next
-- time. `yourvoice migrate` builds the totals of existing data once;
-- `yourvoice results --verify` recounts and compares.

CREATE TABLE results_total (
  survey_id VARCHAR(63) NOT NULL,
  fingerprint VARCHAR(64) NOT NULL,
  cells LONGTEXT NOT NULL,
  fcells LONGTEXT NOT NULL,
  folded_at DATETIME(3) NULL,
  PRIMARY KEY (survey_id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TABLE results_total_event (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  survey_id VARCHAR(63) NOT NULL,
  fingerprint VARCHAR(64) NOT NULL,
  flagged TINYINT NOT NULL,
  sign TINYINT NOT NULL,
  cells MEDIUMTEXT NOT NULL,
  PRIMARY KEY (id),
  KEY results_total_event_survey (survey_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;
