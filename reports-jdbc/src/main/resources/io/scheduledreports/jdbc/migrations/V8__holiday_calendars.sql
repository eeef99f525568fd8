-- Holiday calendars a tenant stores through the API (host-configured calendars are not stored here). One row per
-- (tenant, name); version counts changes. source is RULES (definition: a JSON array of rule texts such as
-- "12-25 observed") or ICS (definition: the validated iCalendar text with CRLF line ends); weekend lists ISO days
-- of week (1 = Monday), comma separated, e.g. "6,7", empty for none.
CREATE TABLE ${prefix}holiday_calendars (
    tenant_id  VARCHAR(64)  NOT NULL,
    name       VARCHAR(64)  NOT NULL,
    source     VARCHAR(8)   NOT NULL,
    weekend    VARCHAR(16)  NOT NULL,
    definition ${text}      NOT NULL,
    version    BIGINT       NOT NULL,
    created_by VARCHAR(128) NOT NULL,
    updated_by VARCHAR(128) NOT NULL,
    created_at ${timestamp} NOT NULL,
    updated_at ${timestamp} NOT NULL,
    PRIMARY KEY (tenant_id, name)
)${table_options};
