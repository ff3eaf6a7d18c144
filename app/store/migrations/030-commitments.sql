-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 030: commitments ("we will", issue 21). An officer records, per
-- consultation, what the council will do in reply to what residents said:
-- the text in each language, the question or theme it answers (by key,
-- with the name shown when it was chosen), the team that owns it, its due
-- date and its status. Each change of status is a dated update with a
-- note in each language (the reason, when dropped) and the officer who
-- made it: the commitment's history. "Late" is worked out when a page is
-- drawn from the due date and the UK date that day (app/web/promises.c),
-- so it shows the day after the due date with no officer action. A change
-- of the due date is kept in the history too (due_from, due_to: an update
-- that keeps the status), so a date moved later never hides a promise
-- that slipped.

CREATE TABLE commitment (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  survey_id VARCHAR(63) NOT NULL,
  text_en TEXT NOT NULL,
  text_cy TEXT NOT NULL,
  answers VARCHAR(240) NULL,
  answers_en VARCHAR(300) NULL,
  answers_cy VARCHAR(300) NULL,
  owner VARCHAR(120) NOT NULL,
  due_date DATE NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY commitment_survey (survey_id, due_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE commitment_update (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  commitment_id BIGINT UNSIGNED NOT NULL,
  survey_id VARCHAR(63) NOT NULL,
  update_date DATE NOT NULL,
  status VARCHAR(16) NOT NULL,
  note_en TEXT NOT NULL,
  note_cy TEXT NOT NULL,
  officer VARCHAR(64) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  due_from DATE NULL,
  due_to DATE NULL,
  PRIMARY KEY (id),
  KEY commitment_update_of (commitment_id, update_date, id),
  KEY commitment_update_survey (survey_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
