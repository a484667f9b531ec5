/* The message table. Adding a language is one more column; adding a check
 * kind is one more hint row (kinds without one get the generic hint). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "messages.h"

struct text {
	const char *en, *vi;
};

struct hint {
	const char *kind;
	struct text text;
};

static const struct text messages[M_COUNT] = {
	[M_TITLE] = {"Data quality report", "Báo cáo chất lượng dữ liệu"},
	[M_DATASET] = {"Dataset", "Bộ dữ liệu"},
	[M_RULES] = {"Rules", "Bộ quy tắc"},
	[M_INPUTS] = {"Inputs", "Tệp đầu vào"},
	[M_NOW] = {"Reference time", "Thời điểm tham chiếu"},
	[M_GENERATED] = {"Generated", "Thời điểm lập"},
	[M_ROWS] = {"Rows", "Số dòng"},
	[M_OVERALL] = {"Overall score", "Điểm tổng"},
	[M_SCORE] = {"Score", "Điểm"},
	[M_STATUS] = {"Status", "Trạng thái"},
	[M_UNIT] = {"Unit", "Đơn vị"},
	[M_UNITS] = {"Units", "Số đơn vị"},
	[M_CRITERION] = {"Criterion", "Tiêu chí"},
	[M_THRESHOLDS] = {"Thresholds", "Ngưỡng"},
	[M_PASS_FROM] = {"pass from", "đạt từ"},
	[M_FAIL_BELOW] = {"fail below", "không đạt dưới"},
	[M_HEATMAP] = {"Units by criterion", "Đơn vị theo tiêu chí"},
	[M_FILTER] = {"Filter units", "Lọc đơn vị"},
	[M_ALL_STATUSES] = {"All statuses", "Mọi trạng thái"},
	[M_HISTOGRAM] = {"Distribution of unit scores", "Phân bố điểm của các đơn vị"},
	[M_HISTOGRAM_AXIS] = {"units per score band", "số đơn vị theo khoảng điểm"},
	[M_CHECK_BARS] = {"Failures by check", "Lỗi theo phép kiểm tra"},
	[M_CHECK_BARS_NOTE] = {"share of evaluated rows that failed, all units together",
			       "tỉ lệ dòng lỗi trên số dòng đã kiểm tra, tính chung mọi đơn vị"},
	[M_UNITS_BELOW] = {"Units below threshold", "Đơn vị dưới ngưỡng"},
	[M_WARNINGS] = {"Warning list", "Danh sách cảnh báo"},
	[M_NO_WARNINGS] = {"No warnings: every unit reaches the warning threshold",
			   "Không có cảnh báo: mọi đơn vị đều đạt ngưỡng cảnh báo"},
	[M_REASONS] = {"Main reasons", "Nguyên nhân chính"},
	[M_CHECK] = {"Check", "Phép kiểm tra"},
	[M_KIND] = {"Kind", "Loại"},
	[M_COLUMNS] = {"Columns", "Cột"},
	[M_EVALUATED] = {"Evaluated", "Đã kiểm tra"},
	[M_FAILED] = {"Failed", "Lỗi"},
	[M_THRESHOLD] = {"Threshold", "Ngưỡng đạt"},
	[M_COST] = {"Points lost", "Điểm bị trừ"},
	[M_SAMPLES] = {"Failed rows (first ones)", "Các dòng lỗi (những dòng đầu)"},
	[M_LINE] = {"Line", "Dòng"},
	[M_CELL] = {"Cell", "Ô"},
	[M_FILE] = {"File", "Tệp"},
	[M_VALUES] = {"Values", "Giá trị"},
	[M_HOW_TO_FIX] = {"How to fix", "Cách khắc phục"},
	[M_RULE_MESSAGE] = {"Rule note", "Ghi chú của quy tắc"},
	[M_NOTE] = {"Note", "Ghi chú"},
	[M_NO_ROWS] = {"No rows: this expected unit sent no data.",
		       "Không có dòng nào: đơn vị này chưa gửi dữ liệu."},
	[M_BACK] = {"All units", "Tất cả đơn vị"},
	[M_ALL_PASS] = {"Every check passes.", "Mọi phép kiểm tra đều đạt."},
	[M_MASKED] = {"Values of personal-data columns are masked.",
		      "Giá trị của các cột dữ liệu cá nhân đã được che."},
	[M_MADE_BY] = {"Made by dqa from", "Được lập bởi dqa từ"},
	[M_EMPTY_NAME] = {"(empty)", "(trống)"},
	[M_AND_MORE] = {"more", "đơn vị khác"},
	[M_WORST_FIRST] = {"worst first", "thấp nhất trước"},
	[M_NO_CHECKS] = {"No checks", "Không có phép kiểm tra"},
	[M_FAILED_UNIT_CHECKS] = {"checks below threshold", "phép kiểm tra dưới ngưỡng"},
	[M_NO_ROWS_SHORT] = {"no rows", "không có dòng nào"},
	[M_SCORE_WORD] = {"score", "điểm"},
	[M_TREND] = {"Trend", "Xu hướng"},
	[M_TREND_RUNS] = {"earlier runs from", "lần chạy trước, từ"},
	[M_TREND_TO] = {"to", "đến"},
	[M_TREND_THIS_RUN] = {"then this run", "rồi lần chạy này"},
	[M_TREND_SCALE] = {"each line is scaled to its own range (at least 10 points)",
			   "mỗi đường theo khoảng điểm riêng của nó (ít nhất 10 điểm)"},
	[M_NO_EARLIER_RUNS] = {"The history has no earlier run of this dataset: the lines start "
			       "with this run.",
			       "Lịch sử chưa có lần chạy nào trước của bộ dữ liệu này: đường xu "
			       "hướng bắt đầu từ lần chạy này."},
	[M_DROPS] = {"Largest drops since the previous run",
		     "Giảm nhiều nhất so với lần chạy trước"},
	[M_NO_DROPS] = {"No unit dropped since the previous run.",
			"Không đơn vị nào giảm điểm so với lần chạy trước."},
	[M_PREVIOUS] = {"Previous run", "Lần chạy trước"},
	[M_CHANGE] = {"Change", "Thay đổi"},
	[M_DATASET_CHECKS] = {"Dataset checks", "Các phép kiểm tra bộ dữ liệu"},
	[M_DATASET_CHECKS_NOTE] = {"Judged once for the whole dataset: they count in the "
				   "dataset's scores, never in a unit's, and are fixed by "
				   "whoever publishes the dataset.",
				   "Được đánh giá một lần cho cả bộ dữ liệu: tính vào điểm của "
				   "bộ dữ liệu, không tính vào điểm của đơn vị nào, và do đơn "
				   "vị công bố bộ dữ liệu khắc phục."},
	[M_NO_UNITS] = {"No units: the extract has no rows.",
			"Không có đơn vị nào: tệp trích xuất không có dòng nào."},
	[M_DATASET_ROW] = {"(dataset)", "(bộ dữ liệu)"},
	[M_TREND_RUNS_WORD] = {"runs", "lần chạy"},
	[M_RUN_WORD] = {"run", "lần chạy"},
	[M_FROM] = {"from", "từ"},
	[M_LAST] = {"last", "gần nhất"},
	[M_SINCE_LAST_RUN] = {"since last run", "so với lần trước"},
	[M_SINCE_LAST_WEEK] = {"since last week", "so với tuần trước"},
	[M_TREND_LAST_RUNS] = {"trend (last %zu runs)", "xu hướng (%zu lần chạy gần nhất)"},
	[M_WORSE_WEEK] = {"worse than a week before", "kém hơn một tuần trước"},
	[M_UNIT_WORD] = {"unit", "đơn vị"},
	[M_UNITS_WORD] = {"units", "đơn vị"},
	[M_NEW_RULES] = {"(new rules)", "(quy tắc mới)"},
	[M_RULES_CHANGED] = {"rules changed at the runs of", "quy tắc đã thay đổi ở các lần chạy ngày"},
	[M_RULES_CHANGED_WHY] = {"scores before and after measure other checks",
				 "điểm trước và sau đó đo bằng các phép kiểm tra khác nhau"},
	[M_WEEK] = {"week", "tuần"},
	[M_WEEKLY_TITLE] = {"Weekly warnings", "Cảnh báo hằng tuần"},
	[M_UNITS_LISTED] = {"%zu of %zu units listed", "%zu/%zu đơn vị bị cảnh báo"},
	[M_TARGET] = {"target", "mục tiêu"},
	[M_TARGET_STATUS] = {"status warn or fail", "trạng thái cảnh báo hoặc không đạt"},
	[M_TARGET_SCORE] = {"score below", "điểm dưới"},
	[M_STREAK] = {"streak", "số tuần"},
	[M_STREAK_WEEKS] = {"streak (weeks)", "số tuần liên tiếp"},
	[M_WEEK_WORD] = {"week", "tuần"},
	[M_WEEKS_WORD] = {"weeks", "tuần"},
	[M_REASONS_WORD] = {"reasons", "lý do"},
	[M_MISSING_NO_RUN] = {"missing: no run this week", "thiếu: tuần này không có lần chạy nào"},
	[M_MISSING_NO_ROWS] = {"missing: no rows", "thiếu: không có dòng nào"},
	[M_BELOW_TARGET] = {"below target", "dưới mục tiêu"},
	[M_STALLED] = {"stalled: same data in %u runs", "dữ liệu không đổi qua %u lần chạy"},
	[M_NOTHING_LISTED] = {"No unit to warn about this week.",
			      "Tuần này không có đơn vị nào cần cảnh báo."},
	[M_CITY_TITLE] = {"Data quality of the city", "Chất lượng dữ liệu của thành phố"},
	[M_DATASETS_WORD] = {"datasets", "bộ dữ liệu"},
	[M_DATASET_SCORES] = {"Datasets by criterion", "Bộ dữ liệu theo tiêu chí"},
	[M_UNITS_BY_DATASET] = {"Units by dataset", "Đơn vị theo bộ dữ liệu"},
	[M_UNITS_BY_DATASET_NOTE] = {"each unit's overall score in every dataset, worst mean first",
				     "điểm tổng của mỗi đơn vị trong từng bộ dữ liệu, điểm trung "
				     "bình thấp nhất trước"},
	[M_CITY_WARNINGS] = {"This week's warnings", "Cảnh báo tuần này"},
	[M_CITY_NO_WARNINGS] = {"No warnings: every unit of every dataset reaches the warning "
				"threshold.",
				"Không có cảnh báo: mọi đơn vị của mọi bộ dữ liệu đều đạt ngưỡng "
				"cảnh báo."},
	[M_TREND_PAGE] = {"Score trend", "Xu hướng điểm"},
	[M_WARNINGS_PAGE] = {"Weekly warnings", "Cảnh báo hằng tuần"},
	[M_OVERALL_WORD] = {"overall", "điểm tổng"},
	[M_HISTORY_PAGES] = {"History", "Lịch sử"},
	[M_DATASET_WORD] = {"dataset", "bộ dữ liệu"},
	[M_LAST_RUN] = {"last run", "lần trước"},
	[M_LAST_WEEK] = {"last week", "tuần trước"},
	[M_TREND_WORD] = {"trend", "xu hướng"},
	[M_WORSE_WEEK_CAP] = {"Worse than a week before", "Kém hơn một tuần trước"},
	[M_LISTED_CAP] = {"Units listed", "Đơn vị bị cảnh báo"},
	[M_BELOW_TARGET_CAP] = {"Below target", "Dưới mục tiêu"},
	[M_MISSING_CAP] = {"Missing", "Thiếu dữ liệu"},
	[M_STALLED_CAP] = {"Stalled data", "Dữ liệu không đổi"},
	[M_ROWS_WORD] = {"rows", "số dòng"},
	[M_SUITE_WORD] = {"suite", "nhóm bộ dữ liệu"},
	[M_UNIT_ROWS] = {"Units, summed over the datasets", "Tổng số đơn vị của các bộ dữ liệu"},
	[M_MEAN] = {"Mean", "Trung bình"},
	[M_RULES_WORD] = {"rules", "bộ quy tắc"},
	[M_ROW_WORD] = {"row", "dòng"},
	[M_ROWS_NOUN] = {"rows", "dòng"},
	[M_IN] = {"in", "trong"},
	[M_INPUT_WORD] = {"input", "tệp đầu vào"},
	[M_INPUTS_WORD] = {"inputs", "tệp đầu vào"},
	[M_NOW_WORD] = {"now", "thời điểm tham chiếu"},
	[M_NO_CRITERION_SCORED] = {"no criterion has a score", "không tiêu chí nào có điểm"},
	[M_DATASET_CHECKS_TEXT] = {"dataset checks (judged once for the dataset, never charged to a "
				   "unit)",
				   "phép kiểm tra bộ dữ liệu (đánh giá một lần cho cả bộ dữ liệu, "
				   "không tính cho đơn vị nào)"},
	[M_FAILED_OF] = {"%s of %s %s failed", "lỗi %s trên %s %s"},
	[M_COST_WORD] = {"cost", "bị trừ"},
	[M_NO_UNITS_TEXT] = {"no units: the extract has no rows",
			     "không có đơn vị nào: tệp trích xuất không có dòng nào"},
	[M_FAILED_ROWS_LINK] = {"Download the %s rows to fix", "Tải về %s dòng cần sửa"},
	[M_FAILED_ROWS_FORMAT] = {"CSV, one line per row and failing check",
				  "CSV, mỗi dòng là một lỗi của một bản ghi"},
	[M_FAILED_ROWS_LEFT_OUT] = {"%s more failures are left out of the file (at most %s lines)",
				    "%s lỗi khác không có trong tệp (tối đa %s dòng)"},
	[M_MAP] = {"Map of unit scores", "Bản đồ điểm của các đơn vị"},
	[M_MAP_NOTE] = {"each unit in its status colour: point at it for its name and score, "
			"select it for its page",
			"mỗi đơn vị tô màu theo trạng thái: trỏ vào để xem tên và điểm, "
			"chọn để mở trang của đơn vị"},
	[M_MAP_CITY] = {"Map of units across the datasets", "Bản đồ các đơn vị qua các bộ dữ liệu"},
	[M_MAP_CITY_NOTE] = {"each unit's mean score over the datasets, in the status colour "
			     "of the mapped dataset's thresholds",
			     "điểm trung bình của mỗi đơn vị qua các bộ dữ liệu, tô màu theo "
			     "ngưỡng của bộ dữ liệu có bản đồ"},
	[M_MAP_NO_ROWS] = {"no rows (hatched)", "không có dòng nào (gạch chéo)"},
	[M_MAP_NOT_ON_MAP] = {"In the data but not on the map", "Có trong dữ liệu nhưng không có "
			      "trên bản đồ"},
	[M_MAP_NO_SHAPES] = {"This result holds no map shapes (an older dqa wrote it): audit again "
			    "to draw the map", "Kết quả này không có hình bản đồ (do dqa bản cũ "
			    "ghi): kiểm tra lại để vẽ bản đồ"},
	[M_NO_WARNINGS_TEXT] = {"no warnings: every unit scores at least %s",
				"không có cảnh báo: mọi đơn vị đều đạt ít nhất %s điểm"},
	[M_WARNINGS_TEXT] = {"warnings: %zu %s below %s, worst first",
			     "cảnh báo: %zu %s dưới %s điểm, thấp nhất trước"},
	[M_DATASETS_COUNT] = {"Datasets", "Số bộ dữ liệu"},
	[M_REASONS_TITLE] = {"Reasons", "Lý do"},
	[M_STREAK_TITLE] = {"Weeks in a row", "Số tuần liên tiếp"},
	[M_SINCE_LAST_RUN_TITLE] = {"Since last run", "So với lần trước"},
	[M_SINCE_LAST_WEEK_TITLE] = {"Since last week", "So với tuần trước"},
	[M_STATUS_WORD] = {"status", "trạng thái"},
	[M_WARNINGS_HEADING] = {"Warnings", "Cảnh báo"},
	[M_MADE_BY_VIEW] = {"Made by", "Được lập bởi"},
	[M_RULES_CHANGED_CAP] = {"Rules changed at the runs of",
				 "Quy tắc đã thay đổi ở các lần chạy ngày"},
	[M_FIX_FIRST] = {"What to fix first", "Cần khắc phục trước"},
	[M_FIX_FIRST_NOTE] = {"failing checks, the most points lost first",
			      "các phép kiểm tra không đạt, mất nhiều điểm nhất trước"},
	[M_REQUIREMENT] = {"Requirement", "Yêu cầu"},
	[M_FOUND] = {"Found", "Thực tế"},
	[M_ALL_CHECKS] = {"All %zu checks (%zu passing)", "Tất cả %zu phép kiểm tra (%zu đạt)"},
	[M_NEEDS_SHARE] = {"passes from %s%% of them", "đạt khi từ %s%% trở lên đạt"},
	[M_RECORD_KEY] = {"Record key", "Khóa bản ghi"},
	[M_PROFILE_TITLE] = {"Profile", "Hồ sơ dữ liệu"},
	[M_PROFILE_COLUMN] = {"Column", "Cột"},
	[M_PROFILE_TYPE] = {"Type", "Kiểu"},
	[M_PROFILE_EMPTY] = {"Empty", "Trống"},
	[M_PROFILE_DISTINCT] = {"Distinct", "Khác nhau"},
	[M_PROFILE_MIN] = {"Min", "Nhỏ nhất"},
	[M_PROFILE_MAX] = {"Max", "Lớn nhất"},
	[M_PROFILE_HYGIENE] = {"Hygiene", "Vệ sinh dữ liệu"},
	[M_PROFILE_TOP] = {"Top values", "Giá trị thường gặp"},
	[M_PROFILE_SHAPES] = {"Shapes", "Dạng giá trị"},
	[M_PROFILE_VALUE] = {"Value", "Giá trị"},
	[M_PROFILE_COUNT] = {"Count", "Số lần"},
	[M_PROFILE_NONE] = {"none", "không có"},
	[M_PROFILE_ESTIMATED] = {"estimated", "ước lượng"},
};

struct counts_word {
	const char *key;
	struct text text;
};

/* A profile's hygiene findings, by their names in the profile JSON. */
static const struct counts_word hygiene_words[] = {
	{"whitespace_only", {"only spaces", "chỉ có khoảng trắng"}},
	{"untrimmed", {"stray spaces", "khoảng trắng thừa"}},
	{"leading_space", {"leading space", "khoảng trắng đầu"}},
	{"trailing_space", {"trailing space", "khoảng trắng cuối"}},
	{"double_space", {"double space", "hai khoảng trắng liền nhau"}},
	{"control_chars", {"control characters", "ký tự điều khiển"}},
	{"invalid_utf8", {"invalid UTF-8", "UTF-8 không hợp lệ"}},
	{"non_nfc", {"not NFC", "không theo chuẩn NFC"}},
	{"legacy_encoding", {"TCVN3/VNI mojibake", "lỗi mã TCVN3/VNI"}},
	{"placeholder", {"placeholder", "giá trị giữ chỗ"}},
};

/* The requirement phrases requirements.c puts together (printf formats). */
static const struct hint requirements[] = {
	{"at_least", {"at least %s", "ít nhất %s"}},
	{"at_most", {"at most %s", "nhiều nhất %s"}},
	{"between", {"from %s to %s", "từ %s đến %s"}},
	{"rows", {"%s rows", "%s dòng"}},
	{"rows:one", {"%s row", "%s dòng"}},
	{"per_unit", {"%s per unit", "%s mỗi đơn vị"}},
	{"in_dataset", {"%s in the dataset", "%s trong bộ dữ liệu"}},
	{"characters", {"%s characters", "%s ký tự"}},
	{"characters:one", {"%s character", "%s ký tự"}},
	{"value", {"a value %s", "giá trị %s"}},
	{"fresh", {"updated within the last %s", "được cập nhật trong vòng %s gần nhất"}},
	{"fresh_share", {"at least %s%% of rows updated within the last %s",
			 "ít nhất %s%% số dòng được cập nhật trong vòng %s gần nhất"}},
	{"file_age", {"a file published within the last %s", "tệp được công bố trong vòng %s gần nhất"}},
	{"type:integer", {"a whole number, such as 12", "số nguyên, ví dụ 12"}},
	{"type:number", {"a number, such as 12.5, without units or thousands separators",
			 "một số, ví dụ 12.5, không kèm đơn vị hay dấu phân cách hàng nghìn"}},
	{"type:date", {"a real calendar date written %s", "ngày có thật, viết theo dạng %s"}},
	{"type:boolean", {"true or false", "true hoặc false"}},
	{"regex", {"a value matching the pattern %s", "giá trị khớp mẫu %s"}},
	{"enum", {"one of: %s", "là một trong: %s"}},
	{"in_ref", {"one of the %s codes of %s", "là một trong %s mã của %s"}},
	{"in_ref:one", {"the %s code of %s", "là %s mã của %s"}},
	{"not_null", {"a value in every row", "mọi dòng đều có giá trị"}},
	{"unique", {"each %s only once in the dataset",
		    "mỗi %s chỉ xuất hiện một lần trong bộ dữ liệu"}},
	{"trimmed", {"no space at the start or end of a value, no double spaces",
		     "không có khoảng trắng ở đầu, cuối giá trị, không có khoảng trắng kép"}},
	{"required_columns", {"the columns %s", "có các cột %s"}},
	{"metadata", {"the fields %s filled in", "điền các trường %s"}},
	{"expr", {"%s in every row", "%s đúng với mọi dòng"}},
	{"vn_citizen_id", {"12 digits: province, century and gender, birth year, serial number",
			   "12 chữ số: mã tỉnh, thế kỷ và giới tính, năm sinh, số thứ tự"}},
	{"vn_phone", {"10 digits starting 03, 05, 07, 08, 09 (mobile) or 02 (landline)",
		      "10 chữ số, bắt đầu bằng 03, 05, 07, 08, 09 (di động) hoặc 02 (cố định)"}},
	{"vn_tax_code", {"10 digits with a valid check digit, or 13 with a branch number",
			 "10 chữ số có chữ số kiểm tra đúng, hoặc 13 chữ số kèm số chi nhánh"}},
	{"email", {"an e-mail address such as name@example.vn",
		   "địa chỉ thư điện tử, ví dụ ten@example.vn"}},
	{"future_dates", {"no date after the reference time",
			  "không có ngày nào sau thời điểm tham chiếu"}},
};

/* s min h d w mo y, as timeparse.h orders them: singular, plural. */
static const struct text duration_units[][2] = {
	{{"second", "giây"}, {"seconds", "giây"}}, {{"minute", "phút"}, {"minutes", "phút"}},
	{{"hour", "giờ"}, {"hours", "giờ"}},       {{"day", "ngày"}, {"days", "ngày"}},
	{{"week", "tuần"}, {"weeks", "tuần"}},     {{"month", "tháng"}, {"months", "tháng"}},
	{{"year", "năm"}, {"years", "năm"}},
};

/* What the checks count: plural, then singular. */
static const struct counts_word counts_words[][2] = {
	{{"rows", {"rows", "dòng"}}, {"rows", {"row", "dòng"}}},
	{{"units", {"units", "đơn vị"}}, {"units", {"unit", "đơn vị"}}},
	{{"datasets", {"datasets", "bộ dữ liệu"}}, {"datasets", {"dataset", "bộ dữ liệu"}}},
	{{"fields", {"fields", "trường"}}, {"fields", {"field", "trường"}}},
	{{"columns", {"columns", "cột"}}, {"columns", {"column", "cột"}}},
	{{"files", {"files", "tệp"}}, {"files", {"file", "tệp"}}},
	{{"codes", {"codes", "mã"}}, {"codes", {"code", "mã"}}},
};

/* The messages with a count whose words change when it is 1 (English
 * only: Vietnamese nouns do not inflect), for msg_n. */
static const struct {
	enum msg id;
	struct text one;
} singulars[] = {
	{M_TREND_LAST_RUNS, {"trend (last %zu run)", "xu hướng (%zu lần chạy gần nhất)"}},
	{M_UNITS_LISTED, {"%zu of %zu unit listed", "%zu/%zu đơn vị bị cảnh báo"}},
	{M_STALLED, {"stalled: same data in %u run", "dữ liệu không đổi qua %u lần chạy"}},
	{M_FAILED_ROWS_LINK, {"Download the %s row to fix", "Tải về %s dòng cần sửa"}},
	{M_FAILED_ROWS_LEFT_OUT, {"%s more failure is left out of the file (at most %s lines)",
				  "%s lỗi khác không có trong tệp (tối đa %s dòng)"}},
	{M_ALL_CHECKS, {"%zu check (%zu passing)", "%zu phép kiểm tra (%zu đạt)"}},
};

static const struct text criteria[DQA_CRITERIA] = {
	{"correct", "đúng"}, {"sufficient", "đủ"}, {"clean", "sạch"},
	{"alive", "sống"}, {"unified", "thống nhất"}, {"shared", "dùng chung"},
};

static const struct text criteria_short[DQA_CRITERIA] = {
	{"correct", "đúng"}, {"suffic.", "đủ"}, {"clean", "sạch"},
	{"alive", "sống"}, {"unified", "th.nhất"}, {"shared", "d.chung"},
};

static const struct text criteria_titles[DQA_CRITERIA] = {
	{"Correct", "Đúng"}, {"Sufficient", "Đủ"}, {"Clean", "Sạch"},
	{"Alive", "Sống"}, {"Unified", "Thống nhất"}, {"Shared", "Dùng chung"},
};

static const struct text statuses[] = {
	[DQA_PASS] = {"pass", "đạt"},
	[DQA_WARN] = {"warn", "cảnh báo"},
	[DQA_FAIL] = {"fail", "không đạt"},
	[DQA_MISSING] = {"missing", "thiếu"},
	[DQA_NO_SCORE] = {"n/a", "không có điểm"},
};

static const struct hint hints[] = {
	{"type:date", {"Write each date as a real calendar date in the format the requirement "
		       "gives (day and month in range, four-digit year).",
		       "Viết mỗi ngày là ngày có thật, đúng định dạng nêu trong yêu cầu (ngày, "
		       "tháng hợp lệ, năm đủ bốn chữ số)."}},
	{"type:integer", {"Write whole numbers only: digits, without units, spaces, decimals "
			  "or thousands separators.",
			  "Chỉ ghi số nguyên: chỉ gồm chữ số, không kèm đơn vị, khoảng trắng, "
			  "phần thập phân hay dấu phân cách hàng nghìn."}},
	{"type:number", {"Write plain numbers: digits with a decimal point, without units, "
			 "spaces or thousands separators.",
			 "Chỉ ghi số: chữ số với dấu chấm thập phân, không kèm đơn vị, khoảng "
			 "trắng hay dấu phân cách hàng nghìn."}},
	{"type", {"Correct the values that are not of the column's type: real calendar dates "
		  "in the declared format, numbers without units, spaces or thousands separators.",
		  "Sửa các giá trị không đúng kiểu của cột: ngày phải có thật và đúng định dạng "
		  "đã khai báo, số không kèm đơn vị, khoảng trắng hay dấu phân cách hàng nghìn."}},
	{"regex", {"Correct the values that do not follow the required pattern: look for "
		   "missing or extra digits, letters and spaces.",
		   "Sửa các giá trị không theo đúng mẫu quy định: kiểm tra chữ số thiếu hoặc "
		   "thừa, chữ cái và khoảng trắng lẫn vào."}},
	{"enum", {"Use only the allowed values, spelled exactly (with diacritics), and fill "
		  "in the empty ones.",
		  "Chỉ dùng các giá trị được phép, viết đúng chính tả (có dấu), và điền các "
		  "ô còn trống."}},
	{"range", {"Check the values outside the allowed range: typing mistakes, wrong units "
		   "or negative numbers.",
		   "Kiểm tra các giá trị nằm ngoài khoảng cho phép: lỗi gõ, sai đơn vị hoặc "
		   "số âm."}},
	{"length", {"Complete values that are too short and shorten those that are too long.",
		    "Bổ sung các giá trị quá ngắn và rút gọn các giá trị quá dài."}},
	{"required_columns", {"Add the missing columns to the extract, with the exact header "
			      "names.",
			      "Bổ sung các cột còn thiếu vào tệp trích xuất, đúng tên tiêu đề."}},
	{"not_null", {"Fill in the empty required values at the source.",
		      "Điền đầy đủ các giá trị bắt buộc còn trống ngay từ nguồn."}},
	{"not_empty", {"Send the extract with its records: it has a header and no rows.",
		       "Gửi tệp trích xuất kèm các bản ghi: tệp chỉ có dòng tiêu đề, không có "
		       "dòng dữ liệu nào."}},
	{"rows", {"Send the complete data: the number of rows is outside the required range.",
		  "Gửi đầy đủ dữ liệu: số dòng nằm ngoài khoảng yêu cầu."}},
	{"covers", {"Add the records of the codes never seen, or correct the codes "
		    "mistyped elsewhere in the column.",
		    "Bổ sung bản ghi cho các mã chưa xuất hiện, hoặc sửa các mã bị nhập sai "
		    "trong cột."}},
	{"file_age", {"Publish a fresh extract: the file is older than allowed.",
		      "Công bố bản trích xuất mới: tệp đã cũ hơn mức cho phép."}},
	{"catalog", {"List the dataset in the data catalog and fill in its required fields.",
		     "Đăng ký bộ dữ liệu trong danh mục dữ liệu và điền các trường bắt buộc."}},
	{"unique", {"Remove or merge duplicate records: each key may appear only once.",
		    "Xóa hoặc gộp các bản ghi trùng: mỗi khóa chỉ được xuất hiện một lần."}},
	{"trimmed", {"Remove spaces at the start or end of values and doubled spaces inside.",
		     "Xóa khoảng trắng ở đầu, cuối giá trị và khoảng trắng kép ở giữa."}},
	{"fresh", {"Bring the records up to date: too few were updated recently.",
		   "Cập nhật các bản ghi: quá ít bản ghi được cập nhật gần đây."}},
	{"in_ref", {"Replace each code that is not in the reference list with the right one "
		    "from it: look for typing mistakes and old codes.",
		    "Thay mỗi mã không có trong danh mục tham chiếu bằng mã đúng của danh mục: "
		    "kiểm tra lỗi gõ và mã cũ."}},
	{"metadata", {"Complete the metadata file: fill in every required field (owner, "
		      "licence, contact, ...).",
		      "Hoàn thiện tệp siêu dữ liệu: điền mọi trường bắt buộc (chủ sở hữu, "
		      "giấy phép, liên hệ, ...)."}},
	{"structure", {"Fix rows with the wrong number of fields, usually a comma or line "
		       "break inside an unquoted value, and stray quotes or mixed line endings.",
		       "Sửa các dòng có số trường sai, thường do dấu phẩy hoặc xuống dòng "
		       "trong giá trị không đặt trong ngoặc kép, và các dấu ngoặc kép lạc chỗ "
		       "hoặc kiểu xuống dòng lẫn lộn."}},
	{"blank_rows", {"Remove blank lines and rows whose every value is empty.",
			"Xóa các dòng trống và các dòng mà mọi giá trị đều rỗng."}},
};

/* What a check asks, in a few words, for a label made from its kind and
 * columns; a type check says it for its column's type. */
static const struct hint kind_labels[] = {
	{"type:integer", {"Whole numbers", "Là số nguyên"}},
	{"type:number", {"Numbers", "Là số"}},
	{"type:date", {"Real calendar dates", "Là ngày có thật"}},
	{"type:boolean", {"Yes/no values", "Là giá trị đúng/sai"}},
	{"type", {"Values of the column's type", "Đúng kiểu dữ liệu của cột"}},
	{"regex", {"Follows the required pattern", "Đúng mẫu quy định"}},
	{"enum", {"One of the allowed values", "Là một trong các giá trị cho phép"}},
	{"range", {"Within the allowed range", "Nằm trong khoảng cho phép"}},
	{"length", {"Length within the limits", "Độ dài trong giới hạn"}},
	{"vn_citizen_id", {"Valid citizen ID number", "Số định danh cá nhân hợp lệ"}},
	{"vn_tax_code", {"Valid tax code", "Mã số thuế hợp lệ"}},
	{"vn_phone", {"Valid Vietnamese phone number", "Số điện thoại Việt Nam hợp lệ"}},
	{"email", {"Valid e-mail address", "Địa chỉ thư điện tử hợp lệ"}},
	{"url", {"Valid web address", "Địa chỉ web hợp lệ"}},
	{"date", {"Dates within the allowed period", "Ngày nằm trong khoảng cho phép"}},
	{"decimal", {"Decimal numbers with the required precision",
		     "Số thập phân đúng độ chính xác quy định"}},
	{"required_columns", {"Required columns present", "Có đủ các cột bắt buộc"}},
	{"not_null", {"Filled in", "Không để trống"}},
	{"not_empty", {"The extract has rows", "Tệp trích xuất có dữ liệu"}},
	{"rows", {"Enough rows", "Đủ số dòng"}},
	{"covers", {"Every reference code present", "Có đủ mọi mã của danh mục"}},
	{"unique", {"No duplicate records", "Không trùng bản ghi"}},
	{"trimmed", {"No stray spaces", "Không có khoảng trắng thừa"}},
	{"no_control_chars", {"No control characters", "Không có ký tự điều khiển"}},
	{"utf8", {"Valid UTF-8 text", "Văn bản UTF-8 hợp lệ"}},
	{"nfc", {"Vietnamese text in NFC form", "Văn bản tiếng Việt dạng dựng sẵn (NFC)"}},
	{"legacy_encoding", {"No TCVN3/VNI garbled text", "Không lỗi phông TCVN3/VNI"}},
	{"placeholder", {"No placeholder values", "Không có giá trị giữ chỗ"}},
	{"case", {"Consistent letter case", "Chữ hoa, chữ thường thống nhất"}},
	{"fresh", {"Recently updated", "Được cập nhật gần đây"}},
	{"future_dates", {"No dates in the future", "Không có ngày trong tương lai"}},
	{"file_age", {"File recently published", "Tệp được công bố gần đây"}},
	{"in_ref", {"Codes from the reference list", "Mã có trong danh mục tham chiếu"}},
	{"same_format", {"Same format in every unit", "Cùng định dạng ở mọi đơn vị"}},
	{"agrees_with", {"Agrees with the linked dataset", "Khớp với bộ dữ liệu liên kết"}},
	{"stalled", {"Data changes between runs", "Dữ liệu có thay đổi giữa các lần chạy"}},
	{"rows_change", {"Row count steady between runs", "Số dòng ổn định giữa các lần chạy"}},
	{"metadata", {"Metadata complete", "Siêu dữ liệu đầy đủ"}},
	{"linkable", {"Keys found in the master dataset", "Khóa có trong bộ dữ liệu gốc"}},
	{"catalog", {"Listed in the data catalog", "Có trong danh mục dữ liệu"}},
	{"expr", {"Rule", "Quy tắc"}},
	{"structure", {"Right number of fields in every row", "Mỗi dòng đúng số trường"}},
	{"blank_rows", {"No blank rows", "Không có dòng trống"}},
	{"encoding", {"Text in the declared encoding", "Văn bản đúng bảng mã đã khai báo"}},
};

static const struct text generic_hint = {
	"Correct the failing values at the source.",
	"Sửa các giá trị lỗi ngay từ nguồn.",
};

static const struct text generic_hint_samples = {
	"Review the failed rows below and correct them at the source.",
	"Xem các dòng lỗi bên dưới và sửa chúng ngay từ nguồn.",
};

static const char *pick(dqa_lang lang, const struct text *t)
{
	return lang == DQA_LANG_VI ? t->vi : t->en;
}

const char *msg(dqa_lang lang, enum msg id)
{
	return (unsigned)id < M_COUNT ? pick(lang, &messages[id]) : "";
}

const char *msg_n(dqa_lang lang, enum msg id, uint64_t n)
{
	for (size_t i = 0; n == 1 && i < sizeof singulars / sizeof *singulars; i++)
		if (singulars[i].id == id)
			return pick(lang, &singulars[i].one);
	return msg(lang, id);
}

const char *msg_criterion(dqa_lang lang, dqa_criterion c)
{
	return (unsigned)c < DQA_CRITERIA ? pick(lang, &criteria[c]) : "";
}

const char *msg_criterion_short(dqa_lang lang, dqa_criterion c)
{
	return (unsigned)c < DQA_CRITERIA ? pick(lang, &criteria_short[c]) : "";
}

const char *msg_criterion_title(dqa_lang lang, dqa_criterion c)
{
	return (unsigned)c < DQA_CRITERIA ? pick(lang, &criteria_titles[c]) : "";
}

const char *msg_status(dqa_lang lang, dqa_status s)
{
	return pick(lang, &statuses[(unsigned)s <= DQA_NO_SCORE ? s : DQA_NO_SCORE]);
}

const char *msg_counts(dqa_lang lang, const char *counts, uint64_t n)
{
	for (size_t i = 0; i < sizeof counts_words / sizeof *counts_words; i++)
		if (strcmp(counts_words[i][0].key, counts) == 0)
			return pick(lang, &counts_words[i][n == 1].text);
	return counts;
}

const char *msg_hygiene(dqa_lang lang, const char *name)
{
	for (size_t i = 0; i < sizeof hygiene_words / sizeof *hygiene_words; i++)
		if (strcmp(hygiene_words[i].key, name) == 0)
			return pick(lang, &hygiene_words[i].text);
	return name;
}

/* The row of table (n rows) for "kind:type", else for kind; NULL when none. */
static const struct text *find_kind(const struct hint *table, size_t n, const char *kind,
				    const char *type)
{
	char key[64];
	if (type && snprintf(key, sizeof key, "%s:%s", kind, type) < (int)sizeof key)
		for (size_t i = 0; i < n; i++)
			if (strcmp(table[i].kind, key) == 0)
				return &table[i].text;
	for (size_t i = 0; i < n; i++)
		if (strcmp(table[i].kind, kind) == 0)
			return &table[i].text;
	return NULL;
}

const char *msg_hint(dqa_lang lang, const char *kind, const char *type, bool samples)
{
	const struct text *t = find_kind(hints, sizeof hints / sizeof *hints, kind, type);
	return pick(lang, t ? t : samples ? &generic_hint_samples : &generic_hint);
}

const char *msg_requirement(dqa_lang lang, const char *key)
{
	const struct text *t = find_kind(requirements, sizeof requirements / sizeof *requirements,
					 key, NULL);
	return t ? pick(lang, t) : "";
}

const char *msg_requirement_n(dqa_lang lang, const char *key, const char *number)
{
	const struct text *t = find_kind(requirements, sizeof requirements / sizeof *requirements,
					 key, strcmp(number, "1") == 0 ? "one" : NULL);
	return t ? pick(lang, t) : "";
}

const char *msg_duration_unit(dqa_lang lang, int unit, bool many)
{
	int n = sizeof duration_units / sizeof *duration_units;
	return pick(lang, &duration_units[unit >= 0 && unit < n ? unit : 3][many]);
}

const char *msg_kind_label(dqa_lang lang, const char *kind, const char *type)
{
	const struct text *t = find_kind(kind_labels, sizeof kind_labels / sizeof *kind_labels,
					 kind, type);
	return t ? pick(lang, t) : NULL;
}

int dqa_lang_parse(const char *name, dqa_lang *out)
{
	if (strcmp(name, "en") == 0)
		*out = DQA_LANG_EN;
	else if (strcmp(name, "vi") == 0)
		*out = DQA_LANG_VI;
	else
		return DQA_EARG;
	return 0;
}

dqa_lang dqa_lang_from_locale(const char *locale)
{
	return locale && strncmp(locale, "vi", 2) == 0 ? DQA_LANG_VI : DQA_LANG_EN;
}

dqa_lang dqa_lang_from_environment(void)
{
	/* the POSIX order of precedence for messages */
	static const char *const names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const char *v = getenv(names[i]);
		if (v && v[0])
			return dqa_lang_from_locale(v);
	}
	return DQA_LANG_EN;
}
