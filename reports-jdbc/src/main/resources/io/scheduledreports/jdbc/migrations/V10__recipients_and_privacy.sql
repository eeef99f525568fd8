-- Recipients who unsubscribed (or whose address bounced) stay on their schedule, inactive: the owner sees them
-- and can re-activate them (after an unsubscribe only with the recipient's new consent).
ALTER TABLE ${prefix}schedule_recipients ADD is_active BOOLEAN DEFAULT TRUE NOT NULL;

ALTER TABLE ${prefix}schedule_recipients ADD inactive_reason VARCHAR(16);

ALTER TABLE ${prefix}schedule_recipients ADD inactive_since ${timestamp};

-- Unsubscribes outlive the recipient row: removing a recipient and adding it again must not undo an opt-out.
-- scope is the schedule id, or '*' for "every report of this tenant".
CREATE TABLE ${prefix}recipient_opt_outs (
    tenant_id   VARCHAR(64)  NOT NULL,
    scope       VARCHAR(36)  NOT NULL,
    channel     VARCHAR(32)  NOT NULL,
    destination VARCHAR(512) NOT NULL,
    created_at  ${timestamp} NOT NULL,
    PRIMARY KEY (tenant_id, scope, channel, destination)
)${table_options};
