-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 070: residents told (issue #21). A resident who asks for the results
-- (<notify> in the survey file) is kept in notify_subscriber: the address,
-- the language they answered in and a random salt from which, with the
-- installation key, their unsubscribe code is made (so a copy of the
-- database alone cannot unsubscribe anyone), and nothing that links them to their response (the address is not
-- stored with the answers). notify_event holds each thing residents are
-- told about, once (results published, "You said, we did" added, a
-- commitment's new status); notify_sent records each email sent, so each
-- resident gets each event once. Subscribers go on unsubscribe and when
-- the survey's retention ends (yourvoice purge), their sent rows with them.

CREATE TABLE notify_subscriber (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  survey_id VARCHAR(63) NOT NULL,
  email VARCHAR(254) NOT NULL,
  lang CHAR(2) NOT NULL,
  unsub_salt CHAR(64) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY notify_subscriber_unsub (unsub_salt),
  UNIQUE KEY notify_subscriber_address (survey_id, email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE notify_event (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  survey_id VARCHAR(63) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  ref VARCHAR(64) NOT NULL DEFAULT '',
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY notify_event_once (survey_id, kind, ref)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE notify_sent (
  event_id BIGINT UNSIGNED NOT NULL,
  subscriber_id BIGINT UNSIGNED NOT NULL,
  state VARCHAR(8) NOT NULL,
  attempts SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (event_id, subscriber_id),
  KEY notify_sent_subscriber (subscriber_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
