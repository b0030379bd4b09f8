--liquibase formatted sql

--changeset healthmon:013-disk-filling-alert
-- DISK_FILLING: a file system's use forecast to reach 100 % within the horizon (subject: the mountpoint),
-- opened and resolved by the disk-forecast duty from the stored reports. A check constraint cannot be
-- extended, so it is replaced whole.
alter table alerts drop constraint alerts_kind;
alter table alerts add constraint alerts_kind
    check (kind in ('HIGH_CPU', 'HIGH_DISK', 'INODES_HIGH', 'DISK_FILLING', 'FAILED_SERVICE', 'SERVER_OFFLINE'));
