/* Check notes for people. result.json keeps each note in English (a
 * machine format: tools match on it), so a Vietnamese page translates the
 * note's known phrases here, longest first, at word boundaries; quoted
 * values ('NA', "...") come from the data and are copied untouched, as is
 * anything not in the table (numbers, column names, formats). */
#include <ctype.h>
#include <string.h>

#include "report.h"

struct phrase {
	const char *en, *vi;
};

/* Longer phrases before the shorter ones they start with. */
static const struct phrase phrases[] = {
	{"nearly every value fails: is the rule right?",
	 "gần như mọi giá trị đều không đạt: quy tắc có đúng không?"},
	{"Most sampled values read with format", "Phần lớn giá trị mẫu đọc được với định dạng"},
	{"Most sampled values are spreadsheet day numbers",
	 "Phần lớn giá trị mẫu là số ngày kiểu bảng tính"},
	{"Most sampled values are written with a decimal comma",
	 "Phần lớn giá trị mẫu viết số thập phân bằng dấu phẩy"},
	{"missing or empty", "thiếu hoặc trống"},
	{"rows in this unit", "dòng trong đơn vị này"},
	{"row in this unit", "dòng trong đơn vị này"},
	{"rows in the dataset", "dòng trong bộ dữ liệu"},
	{"row in the dataset", "dòng trong bộ dữ liệu"},
	{"not title", "không viết hoa đầu mỗi từ"},
	{"not upper", "không viết hoa toàn bộ"},
	{"not lower", "không viết thường toàn bộ"},
	{"first at line", "đầu tiên ở dòng"},
	{"first at", "đầu tiên ở"},
	{"dominant style", "kiểu viết phổ biến nhất"},
	{"the dominant shape is", "dạng phổ biến nhất là"},
	{"placeholder", "giá trị giữ chỗ"},
	{"duplicate of line", "trùng với dòng"},
	{"duplicate of", "trùng với"},
	{"birth date is not a date", "ngày sinh không phải ngày hợp lệ"},
	{"not a date", "không phải ngày hợp lệ"},
	{"not a decimal number", "không phải số thập phân"},
	{"more decimals than scale", "nhiều chữ số thập phân hơn quy định"},
	{"too many digits before the separator", "quá nhiều chữ số phần nguyên"},
	{"before min", "trước giá trị nhỏ nhất"},
	{"after max", "sau giá trị lớn nhất"},
	{"after now", "sau thời điểm tham chiếu"},
	{"more than one", "nhiều hơn một"},
	{"longer than 254 characters", "dài hơn 254 ký tự"},
	{"not a digit", "không phải chữ số"},
	{"12 digits expected", "cần đúng 12 chữ số"},
	{"12 digits: a citizen ID, not a tax code",
	 "12 chữ số: là số định danh cá nhân, không phải mã số thuế"},
	{"gender is not a known spelling", "giới tính không theo cách viết đã biết"},
	{"gender differs from digit 4", "giới tính khác với chữ số thứ 4"},
	{"digit 4 says", "chữ số thứ 4 cho biết"},
	{"female", "nữ"},
	{"male", "nam"},
	{"birth year is after now", "năm sinh sau thời điểm tham chiếu"},
	{"century-gender digit is in the future", "chữ số thế kỷ-giới tính chỉ năm trong tương lai"},
	{"unknown province code", "mã tỉnh không tồn tại"},
	{"only the +84 country code is accepted", "chỉ chấp nhận mã quốc gia +84"},
	{"must start with 0, +84 or 84", "phải bắt đầu bằng 0, +84 hoặc 84"},
	{"0 after the country code", "có số 0 sau mã quốc gia"},
	{"01x mobile numbers were renumbered in 2018", "đầu số di động 01x đã đổi từ năm 2018"},
	{"not a mobile (03/05/07/08/09) or landline (02) prefix",
	 "không phải đầu số di động (03/05/07/08/09) hay cố định (02)"},
	{"not in normal form", "chưa ở dạng chuẩn"},
	{"wrong check digit", "sai chữ số kiểm tra"},
	{"expected", "đúng ra là"},
	{"sequence number 0000000 is never issued", "số thứ tự 0000000 không bao giờ được cấp"},
	{"branch number must be 001-999", "số chi nhánh phải từ 001 đến 999"},
	{"branch code must be NNNNNNNNNN-NNN", "mã chi nhánh phải có dạng NNNNNNNNNN-NNN"},
	{"branch code without its dash", "mã chi nhánh thiếu dấu gạch ngang"},
	{"missing SCHEME://", "thiếu SCHEME://"},
	{"scheme not allowed", "giao thức không được phép"},
	{"missing", "thiếu"},
	{"blank line", "dòng trống"},
	{"fields empty", "trường đều trống"},
	{"key not in", "khóa không có trong"},
	{"is not listed in", "không có trong"},
	{"differs from", "khác với"},
	{"no date in the column", "cột không có ngày nào"},
	{"unchanged in the last", "không đổi trong"},
	{"earlier runs", "lần chạy trước"},
	{"earlier run", "lần chạy trước"},
	{"needed", "cần có"},
	{"invalid UTF-8 at byte offset", "UTF-8 không hợp lệ tại byte thứ"},
	{"not valid UTF-8 at byte offset", "không phải UTF-8 hợp lệ tại byte thứ"},
	{"looks like", "có vẻ là"},
	{"decoded", "giải mã thành"},
	{"line ending", "kiểu xuống dòng"},
	{"unlike the first line's", "khác với dòng đầu tiên"},
	{"the header has", "dòng tiêu đề có"},
	{"at character", "tại ký tự"},
	{"character", "ký tự"},
	{"characters", "ký tự"},
	{"format", "định dạng"},
	{"upper", "viết hoa"},
	{"lower", "viết thường"},
	{"title", "hoa đầu từ"},
	{"mixed", "lẫn lộn"},
	{"values", "giá trị"},
	{"fields", "trường"},
	{"rows", "dòng"},
	{"row", "dòng"},
	{"runs", "lần chạy"},
	{"line", "dòng"},
	{"column", "cột"},
	{"since", "từ"},
	{"more", "khác"},
	{"and", "và"},
	{"of", "trên"},
	{"in", "trong"},
	{"got", "có"},
};

static bool word_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

/* The table's longest phrase at s (a word boundary), or NULL. */
static const struct phrase *phrase_at(const char *s)
{
	const struct phrase *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++) {
		size_t len = strlen(phrases[i].en);
		if (len > best_len && strncmp(s, phrases[i].en, len) == 0 &&
		    !word_char((unsigned char)s[len])) {
			best = &phrases[i];
			best_len = len;
		}
	}
	return best;
}

void put_note(struct strbuf *sb, const char *note, dqa_lang lang)
{
	if (lang == DQA_LANG_EN) {
		strbuf_puts(sb, note);
		return;
	}
	for (const char *p = note; *p;) {
		if (*p == '\'' || *p == '"') {
			const char *close = strchr(p + 1, *p);
			size_t len = close ? (size_t)(close - p) + 1 : strlen(p);
			strbuf_add(sb, p, len);
			p += len;
			continue;
		}
		const struct phrase *ph = p == note || !word_char((unsigned char)p[-1]) ? phrase_at(p)
											  : NULL;
		if (ph) {
			strbuf_puts(sb, ph->vi);
			p += strlen(ph->en);
		} else {
			strbuf_putc(sb, *p++);
		}
	}
}
