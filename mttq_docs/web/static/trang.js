// The page's script: plain JavaScript, no library (the office may be offline).
// Every text from the server goes in with textContent: a commune's typed value is data.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function say(message) {
  const box = $("thong-bao");
  box.textContent = message || "";
  box.hidden = !message;
  if (message) box.scrollIntoView({ behavior: "smooth", block: "center" });
}

// Every request that changes something carries X-Mttq: another site's page cannot send it.
async function call(url, body) {
  let answer;
  try {
    answer = await fetch(url, body === undefined ? {} : { method: "POST", body, headers: { "X-Mttq": "1" } });
  } catch (err) {
    throw new Error("Không kết nối được với mttq-docs. Cửa sổ chạy trang có còn mở không?");
  }
  let data = null;
  try { data = await answer.json(); } catch (err) { data = null; }
  if (!answer.ok) throw new Error((data && data.loi) || "Lỗi ngoài dự kiến (mã " + answer.status + ").");
  return data;
}

function table(headers, rows, rowClass) {
  return el("div", { class: "cuon" }, el("table", {},
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { text: h })))),
    el("tbody", {}, rows.map((cells, i) => el("tr", { class: rowClass ? rowClass(i) : "" },
      cells.map((c) => el("td", {}, c)))))));
}

function link(file, text) {
  if (!file) return "";
  if (!file.url) return file.ten;
  return el("a", { href: file.url, class: "tai", download: "" }, text || file.ten);
}

// ---- 1. Workbook -------------------------------------------------------------------------

function showWorkbook(result) {
  const box = $("ket-qua-bang-tinh");
  box.replaceChildren();
  if (result.da_luu) {
    $("bang-tinh-ten").textContent = result.da_luu;
    box.append(el("div", { class: "bao tot" }, "Đã lưu bảng tính vào thư mục làm việc: " + result.da_luu +
      (result.bang_tinh_cu && result.bang_tinh_cu !== result.da_luu ? " (bảng tính trước đó " + result.bang_tinh_cu + " vẫn được giữ nguyên)." : ".")));
  }
  if (result.khong_doc_duoc) {
    box.append(el("div", { class: "bao loi" }, result.khong_doc_duoc));
    return;
  }
  if (result.hop_le) {
    const plan = result.ke_hoach;
    box.append(el("div", { class: "bao tot", id: "bang-tinh-hop-le" },
      `Bảng tính ${result.ten} hợp lệ: kế hoạch năm ${plan.nam}, ${plan.tinh}: ${plan.mo_hinh.length} mô hình, ` +
      (plan.hai_cap ? `${plan.so_diem} điểm ở ${plan.so_diem} xã, phường, đặc khu (kế hoạch hai cấp).`
        : `${plan.so_diem} điểm ở ${plan.so_huyen} ${plan.cap_huyen}.`)));
  } else {
    box.append(el("div", { class: "bao loi", id: "bang-tinh-co-loi" },
      `Bảng tính ${result.ten} có ${result.loi.length} lỗi` + (result.da_luu === "" && result.bang_tinh_cu ? "; chưa dùng bảng tính này." : ", chưa tạo được văn bản.") +
      " Sửa từng dòng dưới đây trong Excel, lưu lại rồi chọn lại tệp (hoặc bấm «Kiểm tra»)."));
  }
  // A valid plan comes first, as the Board thinks of it; errors first when there are some.
  if (result.hop_le) box.append(planTable(result.ke_hoach));
  const problems = result.loi.concat(result.luu_y);
  if (problems.length) {
    const title = result.loi.length ? `Lỗi cần sửa (${result.loi.length}) và lưu ý (${result.luu_y.length})`
      : `Lưu ý (${problems.length}): không chặn việc tạo văn bản`;
    box.append(el("h3", { text: title }));
    box.append(table(["Mức", "Sheet", "Dòng", "Cột", "Giá trị", "Nội dung, cách sửa"],
      problems.map((p) => [p.muc, p.sheet, p.dong ?? "", p.cot, p.gia_tri, p.noi_dung]),
      (i) => (problems[i].muc === "Lỗi" ? "loi" : "luu-y")));
  }
}

function planTable(plan) {
  if (plan.hai_cap) {  // no district: one row per commune, ward or special zone
    const rows = plan.huyen.flatMap((d) => d.diem.map((point) =>
      [point.xa, point.mo_hinh, point.ngay || "(chưa có)", point.dia_diem]));
    return el("div", { class: "ke-hoach hai-cap" }, el("h3", { text: "Kế hoạch: các điểm và mô hình" }),
      table(["Xã, phường, đặc khu", "Mô hình", "Ngày hội nghị", "Địa điểm"], rows));
  }
  const rows = [];
  for (const district of plan.huyen) {
    district.diem.forEach((point, i) => {
      rows.push([i === 0 ? district.ten : "", point.xa, point.mo_hinh, point.ngay || "(chưa có)", point.dia_diem]);
    });
  }
  const word = plan.cap_huyen.charAt(0).toUpperCase() + plan.cap_huyen.slice(1);
  return el("div", { class: "ke-hoach" }, el("h3", { text: "Kế hoạch: các điểm và mô hình" }),
    table([word, "Xã/Thị trấn", "Mô hình", "Ngày hội nghị", "Địa điểm"], rows));
}

async function uploadWorkbook(file) {
  if (!file) return;
  say("");
  const form = new FormData();
  form.append("tep", file);
  $("ket-qua-bang-tinh").replaceChildren(el("p", { class: "nho", text: "Đang kiểm tra " + file.name + "…" }));
  try { showWorkbook(await call("/api/bang-tinh", form)); }
  catch (err) { $("ket-qua-bang-tinh").replaceChildren(); say(err.message); }
  $("bang-tinh-tep").value = "";
}

async function checkWorkbook() {
  say("");
  try { showWorkbook(await call("/api/kiem-tra", new FormData())); }
  catch (err) { say(err.message); }
}

// ---- Jobs (generation, collection) --------------------------------------------------------

function showProgress(prefix, job) {
  $("tien-do-" + prefix).hidden = false;
  const bar = $("thanh-" + prefix);
  if (job.tong) { bar.max = job.tong; bar.value = job.da_xong; } else { bar.removeAttribute("value"); }
  const count = job.tong ? ` ${job.da_xong}/${job.tong}` : job.da_xong ? ` ${job.da_xong}` : "";
  $("chu-" + prefix).textContent = (job.giai_doan || "Đang bắt đầu") + count + (job.tep ? ": " + job.tep : "");
}

async function follow(prefix, job, done) {
  const buttons = document.querySelectorAll("button.chinh");
  buttons.forEach((b) => (b.disabled = true));
  try {
    while (job.trang_thai === "running") {
      showProgress(prefix, job);
      await new Promise((r) => setTimeout(r, 300));
      job = await call("/api/viec/" + job.viec);
    }
    $("tien-do-" + prefix).hidden = true;
    if (job.trang_thai === "error") say(job.loi);
    else done(job.ket_qua);
  } catch (err) {
    say(err.message);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    $("dung-tao").hidden = true;
  }
}

// ---- 2. Generation -----------------------------------------------------------------------

function showGeneration(result) {
  const box = $("ket-qua-tao");
  box.replaceChildren(el("div", { class: "bao tot", id: "tao-xong" },
    `Đã xử lý ${result.so_van_ban} văn bản.`),
    el("div", { class: "so-dem" }, result.dem.map((c) => el("span", { class: "the" }, el("b", { text: c.so }), " " + c.chu))));
  if (result.xung_dot.length) {
    box.append(el("h3", { text: "Văn bản đã được sửa tay: bản mới ghi bên cạnh (hãy so sánh, chép phần cần thiết)" }));
    box.append(table(["Văn bản", "Bản đã sửa tay (giữ nguyên)", "Bản mới"],
      result.xung_dot.map((o) => [o.nhan, link(o.tep), link(o.ban_moi)])));
  }
  if (result.goi.length) {
    box.append(el("h3", { text: "Tải về để gửi (.zip)" }));
    box.append(el("ul", { class: "tai", id: "ds-zip" }, result.goi.map((g) =>
      el("li", {}, el("a", { href: g.url, download: "" }, g.noi + " (" + g.ten + ")")))));
  }
  box.append(el("a", { href: "/tai-ve-tat-ca.zip", class: "tai-het", download: "" }, "Tải tất cả văn bản (một tệp .zip)"));
  const changed = result.thay_doi.filter((o) => o.trang_thai !== "beside");
  if (changed.length) {
    box.append(el("details", {}, el("summary", { text: `Danh sách tệp đã tạo, cập nhật, chuyển lưu trữ (${changed.length + result.con_nua})` }),
      table(["Việc", "Văn bản", "Tệp"], changed.map((o) => [o.chu, o.nhan, link(o.tep)]))));
  }
  const notes = result.luu_y.concat(result.the_thuc);
  if (result.pdf) {
    if (result.pdf.loi) notes.push(result.pdf.loi);
    if (result.pdf.phong_chu) notes.push(result.pdf.phong_chu);
  }
  if (notes.length) box.append(el("details", { class: "bao can" }, el("summary", { text: `Lưu ý (${notes.length})` }),
    el("ul", {}, notes.map((n) => el("li", { text: n })))));
}

async function generate() {
  say("");
  const form = new FormData();
  form.append("zip", $("tao-zip").checked ? "1" : "0");
  form.append("pdf", $("tao-pdf").checked ? "1" : "0");
  $("ket-qua-tao").replaceChildren();
  try {
    const job = await call("/api/tao-van-ban", form);
    $("dung-tao").hidden = false;
    $("dung-tao").onclick = () => call(`/api/viec/${job.viec}/dung`, new FormData()).catch((e) => say(e.message));
    await follow("tao", job, showGeneration);
  } catch (err) { say(err.message); }
}

// ---- 3. Collection -----------------------------------------------------------------------

function chart(groups) {
  return el("div", { class: "bieu-do" }, groups.map((g) => [
    el("span", { text: `${g.ten} (${g.da_gui}/${g.so_diem} điểm)` }),
    el("span", { class: "cot-bd", title: g.phan_tram + "%" }, el("i", { style: `width:${g.phan_tram}%` })),
    el("span", { text: g.phan_tram + "%" })]));
}

function pointRow(p) {
  const values = p.gia_tri.length
    ? el("dl", { class: "gia-tri" }, p.gia_tri.map((v) => [el("dt", { text: v.truong }), el("dd", { text: v.gia_tri })]))
    : el("span", { class: "nho", text: p.da_gui ? "" : "chưa gửi lại" });
  const extra = [];
  if (p.khac_nhau.length) extra.push(el("div", { class: "bao loi" }, "Các văn bản ghi khác nhau:\n" + p.khac_nhau.map((d) =>
    "• " + d.truong + ": " + d.cac_gia_tri.map((v) => `“${v.gia_tri}” (${v.tep.join(", ")})`).join("; ")).join("\n")));
  if (p.da_gui && p.trong.length) extra.push(el("details", {}, el("summary", { text: `Còn trống ${p.trong.length} ô` }),
    el("ul", {}, p.trong.map((t) => el("li", { text: t })))));
  return [p.huyen, p.xa, p.mo_hinh, p.phan_tram + "%", el("div", {}, values, extra)];
}

function showCollection(result) {
  const box = $("ket-qua-thu-thap");
  box.replaceChildren();
  const got = result.nhan_tep;
  if (got.da_nhan.length) box.append(el("div", { class: "bao tot" }, `Đã nhận ${got.da_nhan.length} tệp:\n` +
    got.da_nhan.map((f) => `• ${f.ten} → ${f.ghi_vao}`).join("\n")));
  if (got.khong_nhan.length) box.append(el("div", { class: "bao can" }, "Không nhận:\n" +
    got.khong_nhan.map((f) => `• ${f.ten}: ${f.ly_do}`).join("\n")));
  box.append(el("div", { class: "bao tot", id: "thu-thap-xong" },
    `${result.da_gui}/${result.so_diem} điểm đã gửi lại văn bản (${result.so_tep} tệp đã đọc); ${result.du}/${result.so_diem} điểm điền đủ.`));
  box.append(el("p", {}, "Bảng theo dõi tiến độ: ", link(result.theo_doi), " — Báo cáo tổng hợp: ", link(result.bao_cao)));
  const beside = result.tep_ghi.filter((o) => o.trang_thai === "beside");
  if (beside.length) box.append(el("div", { class: "bao can" }, "Bảng theo dõi hoặc báo cáo đã được sửa tay nên giữ nguyên; bản mới: ",
    beside.map((o) => link(o.ban_moi))));
  box.append(el("div", { class: "hai-cot" },
    el("div", {}, el("h3", { text: result.hai_cap ? "Tiến độ theo xã, phường, đặc khu" : "Tiến độ theo huyện" }),
      chart(result.theo_huyen)),
    el("div", {}, el("h3", { text: "Tiến độ theo mô hình" }), chart(result.theo_mo_hinh))));
  box.append(el("h3", { text: "Giá trị các xã đã điền" }));
  const rows = result.diem.map(pointRow);
  box.append(el("div", { class: result.hai_cap ? "ke-hoach hai-cap" : "ke-hoach" }, result.hai_cap
    ? table(["Xã, phường, đặc khu", "Mô hình", "Hoàn thành", "Đã điền"], rows.map((r) => r.slice(1)))
    : table(["Huyện", "Xã/Thị trấn", "Mô hình", "Hoàn thành", "Đã điền"], rows)));
  const notes = result.luu_y.concat(result.chua_doc.map((f) => `Chưa đọc ${f.tep}: ${f.ly_do}`));
  if (result.de_xuat.length) notes.push("Các xã báo khác bảng tính: " + result.de_xuat.join("; "));
  if (notes.length) box.append(el("div", { class: "bao can" }, "Lưu ý:\n" + notes.map((n) => "• " + n).join("\n")));
}

let emptyDrafts = "";

async function collect() {
  say("");
  const files = Array.from($("thu-thap-tep").files);
  const form = new FormData();
  for (const file of files) form.append("tep", file);
  $("ket-qua-thu-thap").replaceChildren();
  try {
    const job = await call("/api/thu-thap", form);
    await follow("thu-thap", job, showCollection);
    $("thu-thap-tep").value = "";
    $("thu-thap-chon").textContent = files.length ? "Đã gửi: " + files.map((f) => f.name).join(", ") : emptyDrafts;
  } catch (err) { say(err.message); }
}

// ---- Start --------------------------------------------------------------------------------

function dropZone(zone, input, onDrop) {
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("dang-tha"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("dang-tha"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("dang-tha");
    input.files = e.dataTransfer.files;
    onDrop();
  });
}

function showChosen(input, label, empty) {
  const names = Array.from(input.files).map((f) => f.name);
  label.textContent = names.length ? "Đã chọn: " + names.join(", ") : empty;
}

async function start() {
  emptyDrafts = $("thu-thap-chon").textContent;
  $("thu-thap-tep").addEventListener("change", () => showChosen($("thu-thap-tep"), $("thu-thap-chon"), emptyDrafts));
  $("bang-tinh-tep").addEventListener("change", () => uploadWorkbook($("bang-tinh-tep").files[0]));
  $("kiem-tra").addEventListener("click", checkWorkbook);
  $("tao-van-ban").addEventListener("click", generate);
  $("thu-thap").addEventListener("click", collect);
  dropZone($("tha-bang-tinh"), $("bang-tinh-tep"), () => uploadWorkbook($("bang-tinh-tep").files[0]));
  dropZone($("tha-thu-thap"), $("thu-thap-tep"), () => showChosen($("thu-thap-tep"), $("thu-thap-chon"), emptyDrafts));
  try {
    const status = await call("/api/trang-thai");
    $("thu-muc").textContent = status.thu_muc;
    $("bang-tinh-ten").textContent = status.bang_tinh;
    if (status.viec_dang_chay) {
      const job = status.viec_dang_chay;
      await follow(job.loai === "thu_thap" ? "thu-thap" : "tao", job,
        job.loai === "thu_thap" ? showCollection : showGeneration);
    }
  } catch (err) { say(err.message); }
}

start();
