# The two commands a newcomer needs: `make run` and `make test`.
.PHONY: run test chat train setup bench bench-growth lint clean

run:            ## install if needed, train if needed, start both servers
	@bash scripts/run.sh

test:           ## lint, unit + integration tests, data validation, training, rasa test, end-to-end
	@bash scripts/test.sh

chat:           ## talk to the running assistant in the terminal
	@.venv/bin/python scripts/chat.py

train:
	@bash scripts/setup.sh && bash scripts/train.sh

setup:
	@bash scripts/setup.sh

bench:          ## latency and throughput against running servers (loopback only)
	@bash scripts/setup.sh && bash scripts/bench.sh

bench-growth:   ## how a turn's cost grows with the conversation's length and the stored conversations (SQLite, PostgreSQL; ~12 min)
	@bash scripts/setup.sh && bash scripts/bench.sh --growth

lint:
	@.venv/bin/ruff check .

clean:
	rm -rf models results var/logs var/test .pytest_cache .ruff_cache
