--liquibase formatted sql

--changeset healthmon:007-enrolment-tokens
-- One-time tokens an operator issues to re-enrol a server that is already registered (an agent
-- reinstalled on the same host): the enrollment token only ever registers new server ids, so it
-- cannot be used to take over another host's identity. Only the token's hash is stored.
create table enrolment_tokens (
    id                   bigint generated always as identity primary key,
    server_ref           bigint      not null references servers (id) on delete cascade,
    token_hash           char(64)    not null,
    revoke_existing_keys boolean     not null,
    created_at           timestamptz not null,
    expires_at           timestamptz not null,
    used_at              timestamptz,
    constraint enrolment_tokens_hash_unique unique (token_hash)
);
create index enrolment_tokens_server on enrolment_tokens (server_ref);
comment on column enrolment_tokens.token_hash is 'Hex SHA-256 of the token. The token itself is never stored.';
comment on column enrolment_tokens.used_at is 'Set when an agent registered with the token; a used token works no more.';
