// recert report page: sorting and filtering of the at-risk table. The page is whole without it;
// this only adds controls, and reads nothing but the table (no data of the page is ever run).
(function () {
  "use strict";
  const table = document.getElementById("at-risk");
  if (!table || !table.tHead || !table.tBodies.length) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const heads = Array.from(table.tHead.rows[0].cells);

  // sorting: a button in each header; numbers by value, text by locale; ties keep page order
  const order = new Map(rows.map((r, i) => [r, i]));
  const key = (row, col, numeric) => {
    const cell = row.cells[col];
    const v = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    return numeric ? (v === "" ? Infinity : Number(v)) : v;
  };
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  heads.forEach((th, col) => {
    const button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", () => {
      const dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      const numeric = th.dataset.type === "number";
      heads.forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      const sorted = rows.slice().sort((a, b) => {
        const x = key(a, col, numeric), y = key(b, col, numeric);
        const c = numeric ? (x < y ? -1 : x > y ? 1 : 0) : collator.compare(x, y);
        return c * dir || order.get(a) - order.get(b);
      });
      const frag = document.createDocumentFragment();
      sorted.forEach((r) => frag.appendChild(r));
      body.appendChild(frag);
    });
  });

  // filtering: a checkbox per state in the table, and a search over holder and certification
  const controls = document.createElement("div");
  controls.className = "controls";
  const states = [];
  rows.forEach((r) => { if (!states.includes(r.dataset.state)) states.push(r.dataset.state); });
  const shown = new Set(states);
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = "Show states";
  fieldset.appendChild(legend);
  states.forEach((state) => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = state;
    box.addEventListener("change", () => {
      if (box.checked) shown.add(state); else shown.delete(state);
      apply();
    });
    const n = rows.filter((r) => r.dataset.state === state).length;
    label.append(box, " " + state + " (" + n + ")");
    fieldset.appendChild(label);
  });
  const find = document.createElement("label");
  const input = document.createElement("input");
  input.type = "search";
  input.placeholder = "holder or certification";
  find.append("Find", input);
  input.addEventListener("input", apply);
  const status = document.createElement("output");
  status.setAttribute("aria-live", "polite");
  controls.append(fieldset, find, status);
  const where = table.closest(".scroll") || table;
  where.parentNode.insertBefore(controls, where);

  function apply() {
    const text = input.value.trim().toLowerCase();
    let n = 0;
    rows.forEach((r) => {
      const hit = shown.has(r.dataset.state) &&
        (!text || (r.cells[0].textContent + " " + r.cells[1].textContent).toLowerCase().includes(text));
      r.hidden = !hit;
      if (hit) n++;
    });
    status.textContent = "Showing " + n + " of " + rows.length + " rows";
  }
  apply();
})();
