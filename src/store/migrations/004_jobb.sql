-- Scheduled jobs (app/jobber): one row per job with the Norwegian date it last completed. A run
-- locks its row first (UPDATE ... SET x = x), so runs on several threads or instances sharing one
-- database queue there, and each finds the date the previous one wrote and does nothing.
CREATE TABLE jobb (
    navn TEXT PRIMARY KEY,
    siste_dato TEXT
);
INSERT INTO jobb (navn, siste_dato) VALUES ('trekk_midnatt', NULL);
