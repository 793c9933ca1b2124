// Progressive enhancement for the portal. Every form works without this file; it adds the camera to the
// photo page (the face step's camera and liveness prompts are js/face.js), submits a chosen photo at once,
// and copies the photo number.
(function () {
  'use strict';

  function cropTo(video, canvas, crop) {
    var vw = video.videoWidth, vh = video.videoHeight;
    if (!crop) {
      canvas.width = vw; canvas.height = vh;
      canvas.getContext('2d').drawImage(video, 0, 0);
      return;
    }
    var parts = crop.split('x'), tw = +parts[0], th = +parts[1];
    // The largest centred region with the standard's aspect ratio, scaled to its exact pixel size.
    var sw = Math.min(vw, vh * tw / th), sh = sw * th / tw;
    canvas.width = tw; canvas.height = th;
    canvas.getContext('2d').drawImage(video, (vw - sw) / 2, (vh - sh) / 2, sw, sh, 0, 0, tw, th);
  }

  document.querySelectorAll('[data-camera]').forEach(function (box) {
    var input = document.getElementById(box.getAttribute('data-camera'));
    var start = box.querySelector('[data-camera-start]');
    var view = box.querySelector('[data-camera-view]');
    var video = box.querySelector('video');
    var canvas = box.querySelector('canvas');
    var shoot = box.querySelector('[data-camera-shoot]');
    var status = box.querySelector('[data-camera-status]');
    var crop = box.getAttribute('data-camera-crop');
    var stream = null;
    if (!input || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || typeof DataTransfer === 'undefined') {
      return; // the file input stays the way in
    }
    start.hidden = false;
    start.addEventListener('click', function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 960 } }, audio: false })
        .then(function (s) {
          stream = s;
          video.srcObject = s;
          view.hidden = false;
          start.hidden = true;
          return video.play();
        })
        .catch(function () {
          status.textContent = '无法打开摄像头（可能未授权），请使用“选择照片”上传。';
        });
    });
    shoot.addEventListener('click', function () {
      cropTo(video, canvas, crop);
      canvas.toBlob(function (blob) {
        var transfer = new DataTransfer();
        transfer.items.add(new File([blob], 'camera.jpg', { type: 'image/jpeg' }));
        input.files = transfer.files;
        if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
        view.hidden = true;
        status.textContent = '已拍摄，正在提交……';
        input.form.requestSubmit();
      }, 'image/jpeg', 0.9);
    });
  });

  document.querySelectorAll('input[type=file][data-auto-submit]').forEach(function (input) {
    input.addEventListener('change', function () {
      if (input.files && input.files.length) {
        var status = document.getElementById(input.getAttribute('data-auto-submit'));
        if (status) { status.textContent = '正在检测，请稍候……'; }
        input.form.requestSubmit();
      }
    });
  });

  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var target = document.getElementById(button.getAttribute('data-copy'));
      var text = target.textContent.trim();
      var done = function () { button.textContent = '已复制'; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { select(target); });
      } else {
        select(target);
      }
      function select(node) {
        var range = document.createRange();
        range.selectNodeContents(node);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        button.textContent = '已选中，请长按复制';
      }
    });
  });
})();

(function () {
  'use strict';
  document.querySelectorAll('select[data-auto-submit-select]').forEach(function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
  });
  // A pending payment: ask the server (which asks the gateway) until it is settled, then move on.
  var poll = document.querySelector('[data-poll-url]');
  if (poll) {
    var url = poll.getAttribute('data-poll-url');
    var check = function () {
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) { if (s && s.settled) { clearInterval(timer); window.location.reload(); } })
        .catch(function () { /* keep polling; the button still works */ });
    };
    var timer = setInterval(check, 3000);
    // WeChat's payment sheet said "paid": ask at once (WeChat Pay's answer, not the sheet's, settles it).
    document.addEventListener('payment:check', check);
  }
  // Inside WeChat: open WeChat's payment sheet (JSAPI) with the parameters the server signed.
  var pay = document.querySelector('[data-wechat-pay]');
  if (pay) {
    var status = document.querySelector('[data-wechat-pay-status]');
    var invoke = function () {
      window.WeixinJSBridge.invoke('getBrandWCPayRequest', {
        appId: pay.getAttribute('data-app-id'),
        timeStamp: pay.getAttribute('data-time-stamp'),
        nonceStr: pay.getAttribute('data-nonce-str'),
        package: pay.getAttribute('data-package'),
        signType: pay.getAttribute('data-sign-type'),
        paySign: pay.getAttribute('data-pay-sign')
      }, function (res) {
        var result = res && res.err_msg;
        if (result === 'get_brand_wcpay_request:ok') {
          status.textContent = '支付完成，正在确认结果……';
          document.dispatchEvent(new Event('payment:check'));
        } else if (result === 'get_brand_wcpay_request:cancel') {
          status.textContent = '您已取消支付，可再次点击“微信支付”。';
        } else {
          status.textContent = '支付未完成，请稍后再试，或点击“我已完成支付”查看结果。';
        }
      });
    };
    pay.addEventListener('click', function () {
      if (window.WeixinJSBridge && window.WeixinJSBridge.invoke) {
        invoke();
      } else {
        // The bridge appears a moment after the page in WeChat; outside WeChat it never does.
        status.textContent = '正在打开微信支付……如长时间无反应，请在微信中打开本页面。';
        document.addEventListener('WeixinJSBridgeReady', invoke, { once: true });
      }
    });
  }
})();

(function () {
  'use strict';
  document.querySelectorAll('[data-file-name-for]').forEach(function (label) {
    var input = document.getElementById(label.getAttribute('data-file-name-for'));
    if (!input) { return; }
    label.textContent = '未选择文件';
    input.addEventListener('change', function () {
      label.textContent = input.files && input.files.length ? input.files[0].name : '未选择文件';
    });
  });
})();
