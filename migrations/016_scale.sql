-- 016: reserved for the jobs' indexes over a large database (issue 15).
select 1;
