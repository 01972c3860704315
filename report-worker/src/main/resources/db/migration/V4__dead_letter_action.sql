-- Dead letters an operator has handled, so the list can hide them. The records themselves stay in
-- the dead-letter topic (Kafka's retention removes them); a replayed record that fails again comes
-- back at a new offset, which is a new, unhandled dead letter.
create table dead_letter_action (
    topic         varchar(249)  not null,
    partition_no  integer       not null,
    record_offset bigint        not null,
    action        varchar(16)   not null,
    acted_by      varchar(100)  not null,
    acted_at      timestamptz   not null default now(),
    primary key (topic, partition_no, record_offset),
    constraint dead_letter_action_action check (action in ('REPLAYED', 'DISCARDED'))
);
