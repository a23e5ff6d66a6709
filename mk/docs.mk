# The README's images, drawn anew by the current binary with the commands
# the README shows next to them (1600×1000, the house style, Dutch).
#   make readme-images       writes docs/img/*.png
IMG_TMP ?= out/readme-images

readme-images: deps regiosim
	rm -rf $(IMG_TMP) && mkdir -p $(IMG_TMP) docs/img
	./regiosim run -q scenarios/demo.json -o $(IMG_TMP)/demo
	./regiosim compare -q scenarios/t4-spuk.json scenarios/t4-du.json -o $(IMG_TMP)/compare
	./regiosim sweep -q scenarios/demo.json --param cofinancing.share --from 0.3 --to 0.7 \
	    --steps 9 --metric rijk_net --metric effectiveness -o $(IMG_TMP)/sweep
	./regiosim sensitivity -q scenarios/t4-spuk.json --vs scenarios/t4-du.json \
	    --metric effectiveness -o $(IMG_TMP)/tornado-effectiveness
	./regiosim sensitivity -q scenarios/t4-spuk.json --vs scenarios/t4-du.json \
	    --metric rijk_net -o $(IMG_TMP)/tornado-rijk-net
	cp $(IMG_TMP)/demo/plots/cashflow.png docs/img/cashflow-demo.png
	cp $(IMG_TMP)/demo/plots/fan-cumulative.png docs/img/fan-demo.png
	cp $(IMG_TMP)/compare/plots/compare-metrics.png docs/img/compare-t4.png
	cp $(IMG_TMP)/sweep/plots/sweep.png docs/img/sweep-demo.png
	cp $(IMG_TMP)/tornado-effectiveness/plots/sensitivity.png docs/img/tornado-t4-effectiveness.png
	cp $(IMG_TMP)/tornado-rijk-net/plots/sensitivity.png docs/img/tornado-t4-rijk-net.png
	rm -rf $(IMG_TMP)

.PHONY: readme-images
