-- 017: reserved for the intake's storage (issue 15).
select 1;
