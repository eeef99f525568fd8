-- Why a schedule was paused when the library or an admin paused it for a reason (the report authorizer refused
-- its owner at run time, the owner was offboarded); null for a pause by hand. Cleared on resume.
ALTER TABLE ${prefix}scheduled_reports ADD paused_reason VARCHAR(500);
