-- Awin into your database: the three tables of examples/warehouse/awin-to-postgres.json.
-- Column names are the fields the Awin node returns with "Database Rows" on, one to one.
-- Safe to run again (IF NOT EXISTS). PostgreSQL; see docs/warehouse.md for MySQL and others.

CREATE TABLE IF NOT EXISTS awin_transactions (
	transaction_id        bigint PRIMARY KEY,
	advertiser_id         bigint NOT NULL,
	publisher_id          bigint NOT NULL,
	site_name             text,
	commission_status     text NOT NULL,          -- pending | approved | declined | deleted
	type                  text,
	transaction_date      timestamptz NOT NULL,
	click_date            timestamptz,
	validation_date       timestamptz,
	sale_amount           numeric(14, 2),
	sale_currency         char(3),
	commission_amount     numeric(14, 2),
	commission_currency   char(3),
	amended               boolean NOT NULL DEFAULT false,
	amend_reason          text,
	old_sale_amount       numeric(14, 2),
	old_commission_amount numeric(14, 2),
	commission_groups     text,                   -- the parts' commission group codes, comma separated
	transaction_parts     jsonb,                  -- per part: commissionGroupId/Code/Name, amount, commissionAmount
	click_ref             text,
	click_ref2            text,
	click_ref3            text,
	click_ref4            text,
	click_ref5            text,
	click_ref6            text,
	decline_reason        text,
	paid_to_publisher     boolean NOT NULL DEFAULT false,
	payment_id            bigint,
	customer_country      text,
	click_device          text,
	transaction_device    text,
	order_ref             text,
	voucher_code          text
);
CREATE INDEX IF NOT EXISTS awin_transactions_date ON awin_transactions (transaction_date);

-- One row per day, advertiser and publisher (the days Awin counted in the report's timezone).
CREATE TABLE IF NOT EXISTS awin_stats_by_publisher (
	date            date NOT NULL,
	advertiser_id   bigint NOT NULL,
	advertiser_name text,
	publisher_id    bigint NOT NULL,
	publisher_name  text,
	region          text,
	currency        char(3),
	impressions     bigint,
	clicks          bigint,
	pending_no      integer,  pending_value   numeric(14, 2), pending_comm   numeric(14, 2),
	confirmed_no    integer,  confirmed_value numeric(14, 2), confirmed_comm numeric(14, 2),
	bonus_no        integer,  bonus_value     numeric(14, 2), bonus_comm     numeric(14, 2),
	total_no        integer,  total_value     numeric(14, 2), total_comm     numeric(14, 2),
	declined_no     integer,  declined_value  numeric(14, 2), declined_comm  numeric(14, 2),
	PRIMARY KEY (date, advertiser_id, publisher_id)
);

-- One row per day, advertiser, publisher and creative.
CREATE TABLE IF NOT EXISTS awin_stats_by_creative (
	date            date NOT NULL,
	advertiser_id   bigint NOT NULL,
	advertiser_name text,
	publisher_id    bigint NOT NULL,
	publisher_name  text,
	region          text,
	currency        char(3),
	creative_id     bigint NOT NULL,
	creative_name   text,
	tag_name        text,
	impressions     bigint,
	clicks          bigint,
	pending_no      integer,  pending_value   numeric(14, 2), pending_comm   numeric(14, 2),
	confirmed_no    integer,  confirmed_value numeric(14, 2), confirmed_comm numeric(14, 2),
	bonus_no        integer,  bonus_value     numeric(14, 2), bonus_comm     numeric(14, 2),
	total_no        integer,  total_value     numeric(14, 2), total_comm     numeric(14, 2),
	declined_no     integer,  declined_value  numeric(14, 2), declined_comm  numeric(14, 2),
	PRIMARY KEY (date, advertiser_id, publisher_id, creative_id)
);
