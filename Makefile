# The two commands a newcomer needs: `make run` and `make test`.
.PHONY: run run-cluster test chat train setup bench bench-growth profile load lint clean

run:            ## install if needed, train if needed, start both servers
	@bash scripts/run.sh

run-cluster:    ## several Rasa processes behind nginx, with PostgreSQL and Redis on loopback (docs/deployment.md)
	@bash scripts/setup.sh && bash scripts/train.sh && bash scripts/cluster.sh

test:           ## lint, unit + integration tests, data validation, training, rasa test, end-to-end
	@bash scripts/test.sh

chat:           ## talk to the running assistant in the terminal
	@.venv/bin/python scripts/chat.py

train:
	@bash scripts/setup.sh && bash scripts/train.sh

setup:
	@bash scripts/setup.sh

bench:          ## this commit beside a baseline (BENCH_BASE, default 736f520), as ratios with issue 12's targets (~3 min); scripts/bench.sh --no-base / --base REV / --training
	@bash scripts/setup.sh && bash scripts/bench.sh

profile:        ## where a turn's time goes: each NLU component and policy, the action server, the tracker store
	@bash scripts/setup.sh && bash scripts/train.sh && bash -c 'source scripts/env.sh && .venv/bin/python scripts/profile_turn.py'

bench-growth:   ## how a turn's cost grows with the conversation's length and the stored conversations (SQLite, PostgreSQL; ~12 min)
	@bash scripts/setup.sh && bash scripts/bench.sh --growth

load:           ## bounded load test: 100 conversations × 20 turns, one process, then nginx with two
	@bash scripts/setup.sh && bash -c 'source scripts/env.sh && .venv/bin/python scripts/load.py --start'

lint:
	@.venv/bin/ruff check .

clean:
	rm -rf models results var/logs var/test .pytest_cache .ruff_cache
