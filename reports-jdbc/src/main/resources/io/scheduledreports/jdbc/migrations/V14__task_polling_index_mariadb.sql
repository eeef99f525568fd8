-- MariaDB only (the ${mariadb_only} prefix comments the line out on the other databases). db-scheduler polls with
-- WHERE picked = FALSE AND execution_time <= now ORDER BY priority DESC, execution_time ASC LIMIT n. With V3's
-- (priority DESC, execution_time ASC) index MariaDB 10.11 walks that index in order and filters every entry: with
-- 90,000 timers due tomorrow (priority 90) and 10,000 generations due now (priority 50), one poll read 90,024 rows and
-- 270,384 pages in 105 ms (ANALYZE FORMAT=JSON), so polling cost grew with the number of schedules. Without it
-- MariaDB takes the due rows by range on ix_tasks_execution_time and sorts them: 10,000 rows in 12 ms, and 2 pages
-- when nothing is due. PostgreSQL plans the same query well with either index and keeps V3's.
${mariadb_only}DROP INDEX ${prefix}ix_tasks_due ON ${prefix}report_scheduled_tasks;
