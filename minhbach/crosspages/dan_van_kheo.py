""""Dân vận khéo" models (dan-van-kheo/): every named model and the counts reported."""
from __future__ import annotations

from minhbach.crosspages.base import Report, Writer, front, rel
from minhbach.crosspages.sections import model_counts_table, models_table


def write_models(out: Writer, items: list[Report]) -> None:
    page = "dan-van-kheo/index.md"
    n = sum(len(r.models) for r in items)
    with_models = sorted({r.province_slug for r in items if r.models})
    lines = [front("dan-van-kheo", "Mô hình “Dân vận khéo”"), "# Mô hình “Dân vận khéo”", "",
             f"{n} mô hình, điển hình được nêu tên trong các báo cáo của {len(with_models)} tỉnh, thành phố; "
             "mỗi dòng dẫn tới đoạn văn nêu mô hình. Trích tự động: tên mô hình trong ngoặc kép sau "
             "“mô hình”, “điển hình”, hoặc kèm đơn vị thực hiện. "
             f"Tải về: [models.csv]({rel(page, 'du-lieu/models.csv')}).", "",
             "## Các mô hình", ""] + models_table(page, items)
    counts = model_counts_table(page, items)
    lines += ["", "## Số mô hình các tỉnh báo cáo", ""]
    lines += counts if counts else ["Chưa có báo cáo nào nêu tổng số mô hình."]
    out.write(page, "\n".join(lines) + "\n")
