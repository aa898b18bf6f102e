"""Certificate-request store (SQLAlchemy 2.0-style code on 1.4, Alembic migrations).

SQLite file under ``var/`` by default; ``DATABASE_URL`` selects another
database (PostgreSQL in production and in the integration tests).
"""
