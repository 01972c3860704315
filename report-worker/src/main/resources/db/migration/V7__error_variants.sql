-- Overlapping selections are one error (issue 8). Readers select one mistake differently ("Kazakstan",
-- "in Kazakstan,", "Kazakstan is"): each distinct selection in its context (one dedup key) is a variant,
-- and the variants whose selections overlap at one place of a page's text are one error. The error's
-- selection and context are those of its most reported variant (shown_variant_id); its dedup_key stays
-- its first variant's.

create table error_variant (
    id                bigint generated always as identity primary key,
    -- deleting an error (retention) takes its variants with it
    error_id          bigint       not null references spelling_error (id) on delete cascade,
    dedup_key         varchar(64)  not null unique,
    selection         text         not null,
    context_before    text         not null default '',
    context_after     text         not null default '',
    report_count      integer      not null default 0,
    first_reported_at timestamptz  not null
);

create index error_variant_by_error on error_variant (error_id);

-- No foreign key: the variant already belongs to the error (and goes with it); a key both ways
-- would make deleting an error depend on the order of the two cascades.
alter table spelling_error add column shown_variant_id bigint;

-- Every existing error is one variant: itself.
insert into error_variant (error_id, dedup_key, selection, context_before, context_after, report_count, first_reported_at)
select id, dedup_key, selection, context_before, context_after, report_count, first_reported_at
  from spelling_error
 order by id;

update spelling_error e set shown_variant_id = v.id from error_variant v where v.error_id = e.id;

-- Candidates of a new variant are the errors of its page: spelling_error_by_page (V3, text_pattern_ops)
-- serves page_url = ? as well.

-- Storing a poll updates the count and times of every error it touches (issue 7). Those updates
-- stay HOT (a new row version on the same page, no index touched) only when no indexed column
-- changes and the page has room: report_count must not be indexed, and pages keep 20% free.
-- spelling_error_by_status indexed report_count; the queue list counts (and so scans) all errors of
-- a status anyway, so the index saved only its top-N sort, while it cost every counted error four
-- index insertions (measured: the error update of a poll 3-6 times slower with it).
drop index spelling_error_by_status;
alter table spelling_error set (fillfactor = 80);
alter table error_variant set (fillfactor = 90);
