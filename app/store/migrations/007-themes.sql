-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 007: free-text themes in the product. theme_summary holds, per survey and
-- analysed question, the latest summary the background summariser computed
-- (app/results/summariser.c), in the stored form of app/results/themeview.h,
-- with what it was computed from: source_key fingerprints the answers
-- (count, largest and sum of response ids, after flagged and withdrawn ones
-- are left out) and the hidden answers, so a change is seen with one cheap
-- query. theme_decision holds officers' renames and merges by stable theme
-- key; they survive recomputations because keys do (themeview.h).

CREATE TABLE theme_summary (
  survey_id VARCHAR(63) NOT NULL,
  question_id VARCHAR(160) NOT NULL,
  source_key VARCHAR(255) NOT NULL,
  answers INT UNSIGNED NOT NULL,
  max_response_id BIGINT UNSIGNED NOT NULL,
  summary LONGTEXT NOT NULL,
  computed_at DATETIME(3) NOT NULL,
  PRIMARY KEY (survey_id, question_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE theme_decision (
  survey_id VARCHAR(63) NOT NULL,
  question_id VARCHAR(160) NOT NULL,
  theme_key VARCHAR(16) NOT NULL,
  label_en VARCHAR(120) NULL,
  label_cy VARCHAR(120) NULL,
  merged_into VARCHAR(16) NULL,
  decided_by VARCHAR(64) NOT NULL,
  decided_at DATETIME(3) NOT NULL,
  PRIMARY KEY (survey_id, question_id, theme_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
