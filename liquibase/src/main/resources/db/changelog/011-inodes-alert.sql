--liquibase formatted sql

--changeset healthmon:011-inodes-alert
-- INODES_HIGH: a file system's inode use above its threshold (subject: the mountpoint), beside
-- HIGH_DISK. An operator may override its threshold per server, for every disk (subject '') or one
-- mountpoint, as for HIGH_DISK. A check constraint cannot be extended, so each is replaced whole.
alter table alerts drop constraint alerts_kind;
alter table alerts add constraint alerts_kind
    check (kind in ('HIGH_CPU', 'HIGH_DISK', 'INODES_HIGH', 'FAILED_SERVICE', 'SERVER_OFFLINE'));
alter table threshold_overrides drop constraint threshold_overrides_kind;
alter table threshold_overrides add constraint threshold_overrides_kind
    check (kind in ('HIGH_CPU', 'HIGH_DISK', 'INODES_HIGH'));
