"""Regenerate the bundled DOCX and PDF sample documents (`python samples/build.py`).

All samples are invented for demonstration and are marked as such in their text.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pymupdf

HERE = Path(__file__).parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # any TTF with Vietnamese glyphs (Debian fonts-dejavu)
MARK = "[TÀI LIỆU MẪU - soạn để chạy thử phần mềm, không phải văn bản gốc]"


def _header_table(d: docx.Document, left: list[str], number: str, place_date: str) -> None:
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "\n".join(left)
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = number
    t.cell(1, 1).text = place_date


def province_report(
    province: str, number: str, date_text: str, licences: list[tuple[str, str, str, str]], signer: str, out: Path
) -> None:
    d = docx.Document()
    _header_table(d, ["ỦY BAN NHÂN DÂN", f"TỈNH {province.upper()}"], f"Số: {number}", date_text)
    d.add_paragraph(MARK)
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph(
        f"Tổng kết 10 năm thực hiện Nghị quyết số 02-NQ/TW ngày 25/4/2011 của Bộ Chính trị trên địa bàn tỉnh {province}"
    )
    d.add_paragraph("Kính gửi: Tổng cục Địa chất và Khoáng sản Việt Nam.")
    d.add_paragraph(
        f"Thực hiện Thông báo số 01/TB-BCĐ ngày 19/7/2021 của Ban chỉ đạo tổng kết 10 năm thực hiện "
        f"Nghị quyết số 02-NQ/TW, Ủy ban nhân dân tỉnh {province} báo cáo như sau:"
    )
    d.add_paragraph("I. KẾT QUẢ THỰC HIỆN")
    d.add_paragraph("1. Công tác ban hành văn bản")
    d.add_paragraph(
        f"Giai đoạn 2011 - 2021, Ủy ban nhân dân tỉnh {province} đã ban hành 24 văn bản quy phạm pháp "
        "luật và 57 văn bản chỉ đạo, điều hành về quản lý khoáng sản; phê duyệt quy hoạch thăm dò, "
        "khai thác khoáng sản làm vật liệu xây dựng thông thường đến năm 2020, định hướng đến năm 2030."
    )
    d.add_paragraph("2. Công tác cấp phép hoạt động khoáng sản")
    d.add_paragraph("Số giấy phép hoạt động khoáng sản do Ủy ban nhân dân tỉnh cấp theo từng giai đoạn như sau:")
    t = d.add_table(rows=1, cols=4)
    for cell, text in zip(
        t.rows[0].cells,
        ("Giai đoạn", "Giấy phép thăm dò", "Giấy phép khai thác", "Diện tích khai thác (ha)"),
        strict=True,
    ):
        cell.text = text
    for row in licences:
        cells = t.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    d.add_paragraph("3. Công tác thanh tra, kiểm tra")
    d.add_paragraph(
        "Đã tổ chức 112 cuộc thanh tra, kiểm tra; xử phạt vi phạm hành chính 3,2 tỷ đồng; thu hồi 9 giấy "
        "phép khai thác khoáng sản do vi phạm nghĩa vụ tài chính và bảo vệ môi trường."
    )
    d.add_paragraph("II. HẠN CHẾ, NGUYÊN NHÂN")
    d.add_paragraph(
        "Tình trạng khai thác cát, sỏi trái phép trên sông, suối còn diễn ra ở một số địa bàn; việc "
        "ký quỹ cải tạo, phục hồi môi trường của một số doanh nghiệp chưa đầy đủ."
    )
    d.add_paragraph("III. KIẾN NGHỊ")
    d.add_paragraph(
        "Đề nghị sửa đổi Luật Khoáng sản năm 2010 theo hướng phân cấp mạnh hơn cho địa phương trong cấp "
        "phép khai thác khoáng sản làm vật liệu xây dựng thông thường."
    )
    sig = d.add_table(rows=1, cols=2)
    sig.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    sig.cell(0, 1).text = f"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n{signer}"
    d.save(out)


def ministry_report_pdf(out: Path) -> None:
    pages = [
        "BỘ CÔNG THƯƠNG\nSố: 215/BC-BCT\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 28 tháng 9 năm 2021\n\n" + MARK + "\n\nBÁO CÁO\nKết quả 10 năm thực hiện Nghị quyết số "
        "02-NQ/TW về định hướng chiến lược khoáng sản và công nghiệp khai khoáng\n\n"
        "I. KẾT QUẢ ĐẠT ĐƯỢC\n1. Về chế biến khoáng sản\nGiai đoạn 2011 - 2021, công suất chế biến alumin đạt "
        "1,3 triệu tấn mỗi năm tại hai dự án Tân Rai và Nhân Cơ; sản lượng tinh quặng apatit đạt bình quân "
        "3,1 triệu tấn mỗi năm.\n2. Về an toàn trong khai thác mỏ\nSố vụ tai nạn lao động nghiêm trọng trong "
        "khai thác mỏ giảm 35% so với giai đoạn 2001 - 2010.",
        "II. HẠN CHẾ\nCông nghệ chế biến sâu một số khoáng sản như đất hiếm, titan còn hạn chế; giá trị gia tăng "
        "thấp.\n\nIII. KIẾN NGHỊ\nĐề nghị Chính phủ ban hành cơ chế khuyến khích đầu tư chế biến sâu đất hiếm và "
        "titan; sớm trình Quốc hội Luật Khoáng sản (sửa đổi).\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Văn Mẫu",
    ]
    doc = pymupdf.open()
    font = pymupdf.Font(fontfile=FONT)
    for no, text in enumerate(pages, start=1):
        page = doc.new_page()
        writer = pymupdf.TextWriter(page.rect)
        writer.fill_textbox(pymupdf.Rect(60, 60, 540, 760), text, font=font, fontsize=11)
        writer.fill_textbox(pymupdf.Rect(280, 790, 320, 810), str(no), font=font, fontsize=9)
        writer.write_text(page)
    doc.subset_fonts()
    doc.save(out, garbage=4, deflate=True)


def main() -> None:
    province_report(
        "Quảng Ninh",
        "312/BC-UBND",
        "Quảng Ninh, ngày 20 tháng 9 năm 2021",
        [("2011 - 2015", "18", "41", "1.250,5"), ("2016 - 2021", "9", "27", "860,2")],
        "Nguyễn Thị Mẫu",
        HERE / "BC-UBND-Quang-Ninh-tong-ket-NQ02-mau.docx",
    )
    province_report(
        "Yên Bái",
        "145/BC-UBND",
        "Yên Bái, ngày 24 tháng 9 năm 2021",
        [("2011 - 2015", "11", "35", "742,0"), ("2016 - 2021", "6", "19", "410,8")],
        "Hoàng Văn Mẫu",
        HERE / "BC-UBND-Yen-Bai-tong-ket-NQ02-mau.docx",
    )
    ministry_report_pdf(HERE / "BC-Bo-Cong-Thuong-tong-ket-NQ02-mau.pdf")


if __name__ == "__main__":
    main()
