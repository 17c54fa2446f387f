// Show only the fee fields of the chosen fee method. Without JavaScript every field shows and the
// server keeps only the chosen method's figures.
(function () {
  var select = document.getElementById("fee_method");
  if (!select) { return; }
  function update() {
    var method = select.value;
    document.querySelectorAll(".fee-field").forEach(function (wrapper) {
      var methods = wrapper.getAttribute("data-methods").split(" ");
      wrapper.hidden = methods.indexOf(method) < 0;
    });
  }
  select.addEventListener("change", update);
  update();
})();
