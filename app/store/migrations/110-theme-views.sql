-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 110: the free-text part of the results as ready as the totals (issue 23,
-- DESIGN §12). theme_view holds, per survey, analysed question and
-- audience (public 0, officers 1), the themes view pages, JSON and CSV
-- show (app/results/summariser.c: summariser_view(), officers' decisions,
-- hidden and withdrawn or flagged answers applied), under the source it
-- was built from: the survey's theme_view_version, the stored summary's
-- stamp (source key and time) and the survey's group threshold. A worker
-- reads one row and uses it only when its source is the current one.
-- theme_view_version moves forward (never to a value seen before: at least
-- the clock in microseconds) in the transaction of every change the view
-- depends on besides the summary itself (every officer decision recorded
-- with the audit log, flag decisions, withdrawals, a totals rebuild after
-- writes made around the application), so a stale row is never shown.

CREATE TABLE theme_view_version (
  survey_id VARCHAR(63) NOT NULL,
  version BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (survey_id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TABLE theme_view (
  survey_id VARCHAR(63) NOT NULL,
  question_id VARCHAR(160) NOT NULL,
  officer TINYINT NOT NULL,
  source VARCHAR(400) NOT NULL,
  view LONGTEXT NOT NULL,
  built_at DATETIME(3) NOT NULL,
  PRIMARY KEY (survey_id, question_id, officer)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
