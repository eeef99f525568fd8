-- Per-schedule format options (JSON object, e.g. {"page_size": "letter", "title": "Sales {region}"}), checked
-- against the schedule's formatter when it is saved and handed to it at every run. NULL for schedules saved before
-- this version, read as no options.
ALTER TABLE ${prefix}scheduled_reports ADD format_options ${text} NULL;

-- The first rows of a run's report as text (JSON: columns and rows), captured while it was generated when a
-- delivery channel of the schedule asked for them (e-mail inline_rows), so deliveries can show them without
-- reading the file back or running the query again. NULL when no channel asked.
ALTER TABLE ${prefix}report_executions ADD sample_rows ${text} NULL;
