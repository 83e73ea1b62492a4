-- 015_health: reserved so that work on issue 14 in parallel branches keeps one numbering;
-- the branch that owns it fills it in.
select 1;
