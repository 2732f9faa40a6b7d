"""The negative table: real prose that looks like noise and must pass through unchanged.

Every rule added to the pipeline adds rows here. Each row is an article body (no title line); the
pipeline must return it exactly, with nothing removed and no field filled from it.
"""

from __future__ import annotations

import pytest

LEAD = "Sáng 12/3, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025."
TAIL = "Hội nghị cũng đã khen thưởng 25 tập thể và 40 cá nhân có thành tích xuất sắc trong năm qua."

NEGATIVE = [
    ("mentions-anh", "Ảnh hưởng của bão số 3 khiến nhiều diện tích lúa bị ngập úng, người dân phải thu hoạch sớm."),
    ("mentions-anh-colon", "Ông cho biết: Ảnh của đoàn công tác sẽ được trưng bày tại nhà văn hóa xã trong tháng tới."),
    ("mentions-photo-word", "Triển lãm ảnh “Biên giới mùa xuân” giới thiệu 120 tác phẩm của các nhiếp ảnh gia trong tỉnh."),
    ("mentions-video", "Video ghi lại cảnh nước lũ dâng cao được người dân chia sẻ rộng rãi trên mạng xã hội."),
    ("mentions-video-colon-sentence", "Video: những hình ảnh này cho thấy sức tàn phá của cơn bão, theo nhận định của các chuyên gia."),
    ("theo-sentence", "Theo Bộ Y tế, số ca mắc sốt xuất huyết trong tuần qua giảm 12% so với tuần trước."),
    ("theo-short-sentence", "Theo ông, cần làm rõ trách nhiệm."),
    ("nguon-sentence", "Nguồn vốn cho dự án được bố trí từ ngân sách trung ương và địa phương."),
    ("names-a-jpg", "Bức ảnh có tên hinh-bia.jpg được đăng tải trên trang thông tin điện tử của huyện."),
    ("quoted-title", "Bộ phim “Đất rừng phương Nam” đã thu hút đông đảo khán giả trong những ngày qua."),
    ("xem-them-prose", "Người dân có thể xem thêm thông tin chi tiết tại bộ phận một cửa của Ủy ban nhân dân xã."),
    ("chia-se-prose", "Chia sẻ tại hội nghị, ông Nguyễn Văn A cho biết tỉnh sẽ tiếp tục hỗ trợ doanh nghiệp."),
    ("doc-nhieu-prose", "Đọc nhiều sách giúp học sinh mở rộng vốn từ và tư duy phản biện."),
    ("lien-quan-prose", "Các vấn đề liên quan đến giải phóng mặt bằng sẽ được xem xét trong quý II."),
    ("tin-lien-quan-prose", "Tin liên quan đến vụ việc đã được cơ quan chức năng xác minh và cung cấp cho báo chí."),
    ("dash-lead", "ASEAN - Trung Quốc tiếp tục thúc đẩy đàm phán Bộ quy tắc ứng xử ở Biển Đông."),
    ("question-subheading", "Giải pháp nào cho giao thông đô thị?"),
    ("url-in-sentence", "Thông tin chi tiết được đăng tải tại https://example.gov.vn/thong-bao trong sáng nay."),
    ("pipe-in-sentence", "Tỷ lệ tăng trưởng | theo báo cáo | đạt 7,5% trong năm 2024, cao nhất khu vực."),
    ("date-in-prose", "Ngày 30/10/2025, hội nghị thường niên lần thứ 5 được tổ chức tại tỉnh Lai Châu."),
    ("facebook-sentence", "Facebook và Zalo là hai nền tảng được người dân sử dụng nhiều nhất để tra cứu thông tin."),
    ("ellipsis-end", "Những cánh đồng lúa chín vàng trải dài đến tận chân núi…"),
    ("name-in-prose", "Nguyễn Văn A, 45 tuổi, trú tại xã Bản Lầu, cho biết gia đình đã thu hoạch xong vụ lúa."),
    # typo filters (residue.v1, diacritic.v1): English, acronyms, codes, names and places stay as written
    ("english-telex-words", "Ông cho biết this bus of the chef Hans chạy bằng gas, còn GATS và TW đã đồng ý."),
    ("acronyms-models", "Virus cúm A H5N1, máy bay Su-30MK2, xe VW Golf và điện thoại iPhone 15 được nhắc đến."),
    ("url-email-file", "Hồ sơ gửi về hoaf.binh@example.vn, tải mẫu dduwowngf_2024.xlsx tại https://x.vn/hoaf."),
    ("foreign-names", "Tuyển trẻ Anh còn có Ojo, Walker và Konsa, còn Park Ji Hoon đá chính ở Hàn Quốc."),
    ("border-places", "Cửa khẩu Hà Khẩu (Vân Nam) đối diện Lào Cai; đoàn đi tiếp Côn Minh, Kim Bình và Kim Thủy Hà."),
    ("highland-names", "Huyện Krông Pắc, Ea H'leo của Đắk Lắk và Ia Grai của Gia Lai giáp Kon Tum."),
    ("free-words-no-tone", "Không hiểu anh học được ở đâu, vào trong nhà ông thấy khói đen từ đêm qua."),
    ("oa-styles-mixed", "Hòa bình và hoà hợp, thủy lợi và thuỷ điện, khỏe mạnh và khoẻ khoắn đều được giữ nguyên."),
    # -- inline.v1, lang.v1 (issue 7): prose that contains credit labels, cues and name-like words --
    ("anh-huong-mid-paragraph", "Mưa lớn kéo dài nhiều ngày. Ảnh hưởng của nó khiến nhiều tuyến đường bị sạt lở."),
    ("hinh-anh-colon-lowercase", "Những hình ảnh: cánh đồng, dòng sông, mái nhà đều hiện lên trong tác phẩm của ông."),
    ("anh-huong-in-parens", "Các tỉnh miền Trung (ảnh hưởng nặng nề bởi bão) cần được hỗ trợ khẩn cấp."),
    ("nguon-tin-mid-paragraph", "Vụ việc xảy ra chiều qua. Nguồn tin từ cơ quan công an cho biết vụ việc đang được điều tra."),
    ("video-clip-sentence", "Đoạn video clip do người dân quay lại cho thấy chiếc xe chạy với tốc độ cao. Cảnh sát đã vào cuộc."),
    ("theo-two-sentences", "Theo Bộ Y tế, số ca mắc giảm mạnh. Theo ông Hùng, cần tiếp tục theo dõi sát tình hình."),
    ("xem-them-lowercase-mid", "Người dân có thể xem thêm: lịch tiếp công dân, thủ tục hành chính và biểu mẫu tại bộ phận một cửa."),
    ("tin-lien-quan-mid-sentence", "Ông cho biết tin liên quan đến dự án sẽ được công bố. Người dân được mời góp ý trước ngày 15/4."),
    ("quote-ends-paragraph", "Kết thúc buổi làm việc, ông nói: “Chúng tôi sẽ làm tốt hơn trong năm tới”."),
    ("ends-with-question", "Câu hỏi đặt ra là vì sao dự án chậm tiến độ? Đại diện chủ đầu tư chưa trả lời."),
    ("names-then-period", "Tham dự buổi lễ có ông Nguyễn Văn Bình và bà Trần Thị Hoa."),
    ("minh-hoa-in-prose", "Các bức tranh minh họa cho cuốn sách được họa sĩ vẽ trong hai năm. Ảnh của ông được trưng bày."),
    ("english-sentence-in-vi", "Khẩu hiệu “Read more, learn more” được in trên tường thư viện của trường."),
    ("anh-then-caps-acronym", "Ảnh UBND tỉnh cung cấp cho thấy con đường đã được sửa chữa xong trước Tết."),
    ("anh-then-name-in-prose", "Di ảnh Bác Hồ được treo trang trọng. Ảnh Bác Hồ được các cựu chiến binh giữ gìn cẩn thận."),
    ("ends-with-acronym", "Dự án do Ngân hàng Thế giới tài trợ, cơ quan chủ quản là UBND tỉnh Lào Cai, đơn vị thực hiện là BQL"),
    ("single-letter-line", "A"),
    ("chevron-in-math", "Chỉ số này đạt 1,5 >> 1,2 của năm trước, theo báo cáo của Tổng cục Thống kê."),
    # -- social.v1 counters and follow-us lines: prose that mentions them --
    ("comments-count-in-prose", "Bài đăng nhận được 1.200 bình luận chỉ sau hai giờ."),
    ("views-count-in-prose", "Lượt xem đạt 2 triệu sau một tuần phát hành."),
    ("number-then-label-prose", "12 ý kiến đóng góp đã được ban soạn thảo tiếp thu."),
    ("theo-doi-prose", "Theo dõi diễn biến dịch bệnh trên Facebook, nhiều người dân tỏ ra lo lắng."),
    ("sections-in-prose", "Văn hóa, Thể thao và Du lịch là ba lĩnh vực được tỉnh ưu tiên đầu tư."),
    ("three-sections", "Kinh tế Xã hội Giáo dục"),
    ("section-names-sentence", "Thời sự, Thế giới, Kinh doanh và Giải trí là các chuyên mục được đọc nhiều nhất."),
    ("anh-colon-clause", "Bức ảnh cưới của bà chụp năm 1972. Ảnh: bà vẫn giữ cẩn thận trong tủ kính."),
    ("app-prefix-prose", "Tải ứng dụng cảnh báo thiên tai, người dân sẽ nhận được thông báo sớm nhất."),
    ("topic-prose", "Chủ đề: Quảng Bình - đất và người"),
    ("image-number-in-prose", "Ảnh 1 cho thấy đoạn đê bị sạt lở dài khoảng 50 m."),
    ("email-in-prose", "Mọi ý kiến đóng góp xin gửi về địa chỉ hotro@example.vn."),
    ("theo-doi-platform-mid", "Theo dõi trang Zalo của xã để nhận thông báo mới về lịch tiêm chủng trong tháng."),
]

SUBHEADINGS = [
    ("short-subheading", f"{LEAD}\n\nKhó khăn chồng chất\n\n{TAIL}"),
    ("subheading-then-paragraphs", f"{LEAD}\n\nNhiều giải pháp đồng bộ\n\n{TAIL}\n\n{LEAD}"),
    ("closing-quote-line", f"{LEAD}\n\n{TAIL}\n\n“Chúng tôi sẽ tiếp tục đồng hành cùng bà con”"),
    ("interview-speaker", f"{LEAD}\n\nÔng Nguyễn Văn Bình\n\n{TAIL}"),
    ("list-items", f"{LEAD}\n\nCác đơn vị được khen thưởng gồm:\n\n- Xã Bản Lầu\n\n- Xã Bát Xát\n\n{TAIL}"),
    ("section-heading-word", f"{LEAD}\n\nSự kiện\n\n{TAIL}"),
    # related.v1: a run of headline-shaped lines the article announces is a list, not a related tail
    ("list-at-the-end", f"{LEAD}\n\n{TAIL}\n\nNhanh chóng đưa nạn nhân ra khỏi nước và đặt nằm nghiêng\n\n"
     "Gọi cấp cứu 115 hoặc nhờ người xung quanh hỗ trợ ngay\n\nKiểm tra hơi thở và làm hô hấp nhân tạo nếu cần"),
    ("poem-at-the-end", f"{LEAD}\n\n{TAIL}\n\nBảy mươi năm đã qua rồi bạn ơi\n\nTóc xanh giờ đã bạc rồi mình ơi\n\n"
     "Quê hương vẫn đó chờ người đi xa"),
    ("table-without-outer-pipes", f"{LEAD}\n\nDoanh nghiệp | Mua vào | Bán ra\n\nSJC | 84,5 triệu | 86,5 triệu\n\n"
     f"PNJ | 83,9 triệu | 85,6 triệu\n\n{TAIL}"),
    ("plain-cue-subheading-mid", f"{LEAD}\n\nTiêu điểm\n\nXuất khẩu điện tử và nông sản tiếp tục là động lực chính\n\n"
     f"Đầu tư nước ngoài vào công nghiệp chế biến tăng mạnh trong quý\n\n{TAIL}"),
    ("plain-cue-subheading-end", f"{LEAD}\n\n{TAIL}\n\nSự kiện\n\nBuổi giao lưu với nhà văn tại thư viện lúc 9h sáng thứ Bảy\n\n"
     "Triển lãm sách cũ tại sân trường vào chiều Chủ nhật tuần này"),
    ("two-section-subheadings", f"{LEAD}\n\nGiáo dục\n\n{TAIL}\n\nY tế\n\n{TAIL}"),
    ("announced-list-colon", f"{LEAD}\n\nLịch thi đấu vòng bảng của đội tuyển cụ thể:\n\n"
     "Việt Nam gặp Lào trên sân Mỹ Đình ngày 9/12\n\nViệt Nam gặp Indonesia trên sân Phú Thọ ngày 15/12\n\n"
     "Việt Nam gặp Philippines trên sân Rizal Memorial ngày 18/12"),
    ("announced-list-lead", f"{LEAD}\n\nCuốn sách gồm ba phần chính\n\nPhần một kể về tuổi thơ của tác giả ở làng quê\n\n"
     "Phần hai nói về những năm tháng chiến tranh gian khổ\n\nPhần ba là chuyện lập nghiệp ở thành phố lớn"),
    # byline.v1: names at the end that belong to the story
    ("names-after-colon", f"{LEAD}\n\nHai em đạt giải nhất là:\n\nTrần Minh Quân\n\nNguyễn Thu Phương"),
    ("names-list", f"{LEAD}\n\n{TAIL}\n\nTrần Minh Quân\n\nNguyễn Thu Phương\n\nLê Văn Tài"),
    ("form-of-address", f"{LEAD}\n\n“Các em cần tôi, tôi sẽ ở lại với các em.”\n\nCô Mai"),
    ("letter-signer", f"{LEAD}\n\nHà Nội, ngày 14 tháng 10 năm 2024\n\nThay mặt gia đình\n\nNguyễn Thị Hương"),
    ("letter-closing", f"{LEAD}\n\nCon hãy luôn nhớ rằng mẹ tin con.\n\nMẹ của con,\n\nNguyễn Thị Hạnh"),
    ("decree-signer", f"{LEAD}\n\nQuyết định có hiệu lực từ ngày ký.\n\nHiệu trưởng\n\nTrương Văn Đức"),
    ("address-at-the-end", f"{LEAD}\n\nBài dự thi gửi về ban tổ chức trước ngày 30/11.\n\nEmail: cuocthi@example.vn"),
    ("interviewee-near-top", f"Ông Nguyễn Văn An\n\n{LEAD}\n\n{TAIL}"),
    ("hard-wrapped-name", f"{LEAD}\n\nNgười nhận giải thưởng văn học năm nay là\n\nBảo Ninh"),
    ("two-subheadings-with-paragraphs", f"{LEAD}\n\nKết quả nổi bật trong năm\n\n{TAIL}\n\n{LEAD}\n\n"
     f"Nhiệm vụ trọng tâm năm tới\n\n{TAIL}\n\n{LEAD}"),
]


@pytest.mark.parametrize("case,text", NEGATIVE, ids=[c[0] for c in NEGATIVE])
def test_prose_line_unchanged(body_pipe, case, text) -> None:
    raw = f"{LEAD}\n\n{text}\n\n{TAIL}"
    rec = body_pipe.clean(raw, id=case)
    assert rec["text"] == f"{LEAD}\n{text}\n{TAIL}"
    assert rec["captions"] == [] and rec["author"] is None and rec["agency"] is None


@pytest.mark.parametrize("case,text", NEGATIVE, ids=[c[0] for c in NEGATIVE])
def test_prose_line_unchanged_as_first_and_last_line(body_pipe, case, text) -> None:
    rec = body_pipe.clean(f"{text}\n\n{LEAD}\n\n{TAIL}\n\n{text}", id=case)
    assert rec["text"] == f"{text}\n{LEAD}\n{TAIL}\n{text}"


@pytest.mark.parametrize("case,raw", SUBHEADINGS, ids=[c[0] for c in SUBHEADINGS])
def test_structure_unchanged(body_pipe, case, raw) -> None:
    rec = body_pipe.clean(raw, id=case)
    assert rec["text"] == "\n".join(line for line in raw.split("\n") if line)
    assert rec["removed"] == []
