-- The product's own tables. Instants are epoch seconds, days yyyymmdd, months yyyymm: vendor-neutral and
-- exactly comparable. Unit prices are kept as text so no catalog digit is ever lost; amounts are exact
-- DECIMAL at the 8 places a charge line keeps. ${text_order} makes text sort by code point on PostgreSQL,
-- as it does on H2, so both give byte-identical outputs.

-- Staging: the rows of one run (run_id = job instance id), read back by the later steps of the same run.
CREATE TABLE catalog_row (
    run_id          BIGINT        NOT NULL,
    source          VARCHAR(255)  NOT NULL,
    line            BIGINT        NOT NULL,
    sku             VARCHAR(200)  NOT NULL,
    region          VARCHAR(100)  NOT NULL,
    billing_mode    VARCHAR(20)   NOT NULL,
    price_unit      VARCHAR(10)   NOT NULL,
    unit_price      VARCHAR(60)   NOT NULL,
    currency        VARCHAR(3)    NOT NULL,
    effective_from  BIGINT        NOT NULL,
    effective_to    BIGINT,
    in_stock        BOOLEAN       NOT NULL,
    PRIMARY KEY (run_id, source, line)
);

CREATE TABLE order_row (
    run_id          BIGINT        NOT NULL,
    source          VARCHAR(255) ${text_order} NOT NULL,
    line            BIGINT        NOT NULL,
    order_id        VARCHAR(200) ${text_order} NOT NULL,
    account_id      VARCHAR(200)  NOT NULL,
    resource_id     VARCHAR(200) ${text_order} NOT NULL,
    resource_class  VARCHAR(20)   NOT NULL,
    region          VARCHAR(100)  NOT NULL,
    sku             VARCHAR(200)  NOT NULL,
    quantity        INTEGER       NOT NULL,
    order_type      VARCHAR(30)   NOT NULL,
    billing_mode    VARCHAR(20)   NOT NULL,
    effective_at    BIGINT        NOT NULL,
    duration        INTEGER,
    duration_unit   VARCHAR(10),
    auto_renew      BOOLEAN       NOT NULL,
    status          VARCHAR(10)   NOT NULL,
    duplicate       BOOLEAN       DEFAULT FALSE NOT NULL,
    PRIMARY KEY (run_id, source, line)
);
CREATE INDEX order_row_by_resource ON order_row (run_id, resource_id, effective_at);
CREATE INDEX order_row_by_id ON order_row (run_id, order_id);

CREATE TABLE usage_row (
    run_id          BIGINT        NOT NULL,
    source          VARCHAR(255) ${text_order} NOT NULL,
    line            BIGINT        NOT NULL,
    record_id       VARCHAR(200) ${text_order} NOT NULL,
    account_id      VARCHAR(200)  NOT NULL,
    resource_id     VARCHAR(200) ${text_order} NOT NULL,
    resource_class  VARCHAR(20)   NOT NULL,
    region          VARCHAR(100)  NOT NULL,
    sku             VARCHAR(200)  NOT NULL,
    quantity        INTEGER       NOT NULL,
    start_at        BIGINT        NOT NULL,
    end_at          BIGINT        NOT NULL,
    first_month     INTEGER       NOT NULL,
    last_month      INTEGER       NOT NULL,
    PRIMARY KEY (run_id, source, line)
);
CREATE INDEX usage_row_by_resource ON usage_row (run_id, resource_id, start_at);

-- What a run decided to process: its months (or day) and how many local days it replaces.
CREATE TABLE run_plan (
    run_id          BIGINT        NOT NULL PRIMARY KEY,
    zone            VARCHAR(64)   NOT NULL,
    period_kind     VARCHAR(20)   NOT NULL,
    period_value    VARCHAR(2000) NOT NULL,
    day_count       INTEGER       NOT NULL
);

-- Results of a run, kept as history.
CREATE TABLE finding (
    run_id          BIGINT        NOT NULL,
    code            VARCHAR(40) ${text_order} NOT NULL,
    severity        VARCHAR(10)   NOT NULL,
    source          VARCHAR(255) ${text_order} NOT NULL,
    line            BIGINT        NOT NULL,
    account_id      VARCHAR(200)  NOT NULL,
    resource_id     VARCHAR(200) ${text_order} NOT NULL,
    order_id        VARCHAR(200) ${text_order} NOT NULL,
    record_id       VARCHAR(200) ${text_order} NOT NULL,
    detail          VARCHAR(2000) ${text_order} NOT NULL
);
CREATE INDEX finding_by_run ON finding (run_id);

CREATE TABLE resource_tally (
    run_id          BIGINT        NOT NULL,
    resource_id     VARCHAR(200)  NOT NULL,
    input           BIGINT        NOT NULL,
    billed          BIGINT        NOT NULL,
    covered         BIGINT        NOT NULL,
    without_order   BIGINT        NOT NULL,
    quantity_excess BIGINT        NOT NULL,
    no_price        BIGINT        NOT NULL,
    out_of_period   BIGINT        NOT NULL,
    PRIMARY KEY (run_id, resource_id)
);

CREATE TABLE charge_line (
    run_id          BIGINT        NOT NULL,
    line_id         VARCHAR(40)   NOT NULL,
    billing_day     INTEGER       NOT NULL,
    billing_month   INTEGER       NOT NULL,
    invoice_id      VARCHAR(300)  NOT NULL,
    account_id      VARCHAR(200) ${text_order} NOT NULL,
    resource_id     VARCHAR(200) ${text_order} NOT NULL,
    resource_class  VARCHAR(20)   NOT NULL,
    region          VARCHAR(100)  NOT NULL,
    sku             VARCHAR(200) ${text_order} NOT NULL,
    charge_type     VARCHAR(20) ${text_order} NOT NULL,
    billing_mode    VARCHAR(20)   NOT NULL,
    order_id        VARCHAR(200)  NOT NULL,
    period_start    BIGINT        NOT NULL,
    period_end      BIGINT        NOT NULL,
    charge_start    BIGINT        NOT NULL,
    charge_end      BIGINT        NOT NULL,
    nodes           INTEGER       NOT NULL,
    duration        BIGINT        NOT NULL,
    duration_unit   VARCHAR(10)   NOT NULL,
    unit_price      VARCHAR(60)   NOT NULL,
    price_unit      VARCHAR(10)   NOT NULL,
    amount          DECIMAL(38,8) NOT NULL,
    currency        VARCHAR(3)    NOT NULL,
    PRIMARY KEY (run_id, line_id)
);
CREATE INDEX charge_line_by_day ON charge_line (run_id, billing_day);

-- Which run's charges stand for each local day: a month run takes every day of its month, a day run its day.
-- Replacing a period is this table's update, in one transaction, so stored charges are never half replaced.
CREATE TABLE day_owner (
    zone            VARCHAR(64)   NOT NULL,
    billing_day     INTEGER       NOT NULL,
    run_id          BIGINT        NOT NULL,
    PRIMARY KEY (zone, billing_day)
);

CREATE TABLE invoice (
    zone                VARCHAR(64)   NOT NULL,
    invoice_id          VARCHAR(300) ${text_order} NOT NULL,
    account_id          VARCHAR(200) ${text_order} NOT NULL,
    billing_month       INTEGER       NOT NULL,
    currency            VARCHAR(3) ${text_order} NOT NULL,
    subscription_amount DECIMAL(38,8) NOT NULL,
    usage_amount        DECIMAL(38,8) NOT NULL,
    total_amount        DECIMAL(38,8) NOT NULL,
    line_count          BIGINT        NOT NULL,
    status              VARCHAR(10)   NOT NULL,
    run_id              BIGINT        NOT NULL,
    PRIMARY KEY (zone, invoice_id)
);
