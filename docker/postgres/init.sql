-- Runs once, when the PostgreSQL volume is first created (docker-entrypoint-initdb.d).
-- Two databases on one server: the gateway's own store and the prison's register (separate
-- systems that only share a server in this demo). The seed job creates the tables.
CREATE DATABASE prison OWNER reintegra;
