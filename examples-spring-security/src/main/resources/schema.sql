-- The host's own table: money as numeric(12,2), summed by the report.
create table if not exists orders (
    id bigint primary key,
    tenant_id varchar(64) not null,
    region varchar(64) not null,
    amount numeric(12, 2) not null,
    placed_at timestamp with time zone not null
);
