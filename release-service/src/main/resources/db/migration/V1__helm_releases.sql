-- placeholder, replaced by the persistence work of issue 4
select 1;
