// The analytics dashboard: signs in with the shop's own API and draws its reports. No other data source.
'use strict';

const api = '/api/v1';
let token = null;
const charts = {};

const $ = id => document.getElementById(id);

function isoDay(date) {
    return date.toISOString().slice(0, 10);
}

async function call(path) {
    const response = await fetch(api + path, {headers: {Authorization: 'Bearer ' + token}});
    const body = await response.json();
    if (!response.ok) {
        throw new Error(body.error ? body.error.message : response.statusText);
    }
    return body;
}

function money(amount, currency) {
    return amount === null ? '–'
        : new Intl.NumberFormat('en', {style: 'currency', currency}).format(amount);
}

function chart(id) {
    if (!charts[id]) {
        charts[id] = echarts.init($(id), null, {renderer: 'canvas'});
    }
    return charts[id];
}

function drawSales(sales) {
    chart('chart-sales').setOption({
        tooltip: {trigger: 'axis'},
        legend: {data: ['Revenue', 'Orders confirmed']},
        xAxis: {type: 'category', data: sales.data.map(p => p.period)},
        yAxis: [{type: 'value', name: sales.currency}, {type: 'value', name: 'orders', minInterval: 1}],
        series: [
            {name: 'Revenue', type: 'bar', data: sales.data.map(p => p.revenue)},
            {name: 'Orders confirmed', type: 'line', yAxisIndex: 1, data: sales.data.map(p => p.orders_confirmed)}
        ]
    }, true);
}

function drawFunnel(funnel) {
    const steps = [
        ['Carts created', funnel.carts_created], ['With items', funnel.carts_with_items],
        ['Checked out', funnel.checkouts_started], ['Orders confirmed', funnel.orders_confirmed],
        ['Orders cancelled', funnel.orders_cancelled], ['Carts expired', funnel.carts_expired]
    ];
    chart('chart-funnel').setOption({
        tooltip: {},
        grid: {containLabel: true, left: 8},
        xAxis: {type: 'value', minInterval: 1},
        yAxis: {type: 'category', inverse: true, data: steps.map(s => s[0])},
        series: [{name: 'Carts', type: 'bar', data: steps.map(s => s[1]), label: {show: true, position: 'right'}}]
    }, true);
}

function drawProducts(top) {
    chart('chart-products').setOption({
        tooltip: {},
        grid: {containLabel: true, left: 8, right: 48},
        xAxis: {type: 'value', name: top.currency},
        yAxis: {type: 'category', inverse: true, data: top.data.map(p => p.title)},
        series: [{name: 'Revenue', type: 'bar', data: top.data.map(p => p.revenue),
                  label: {show: true, position: 'right'}}]
    }, true);
}

function drawPayments(payments) {
    const declines = Object.entries(payments.declines_by_code).map(([code, count]) => ({name: code, value: count}));
    chart('chart-payments').setOption({
        tooltip: {trigger: 'item'},
        legend: {bottom: 0},
        series: [{name: 'Payments', type: 'pie', radius: ['40%', '70%'],
                  data: [{name: 'authorized', value: payments.authorized}].concat(declines)}]
    }, true);
}

async function show() {
    const range = 'from=' + $('from').value + '&to=' + $('to').value;
    $('status').textContent = 'Loading…';
    $('csv').href = '#';
    try {
        const [sales, funnel, top, payments] = await Promise.all([
            call('/analytics/sales?' + range + '&granularity=' + $('granularity').value),
            call('/analytics/funnel?' + range),
            call('/analytics/products/top?by=revenue&limit=10&' + range),
            call('/analytics/payments?' + range)
        ]);
        $('kpi-revenue').textContent = money(sales.totals.revenue, sales.currency);
        $('kpi-orders').textContent = sales.totals.orders_confirmed;
        $('kpi-aov').textContent = money(sales.totals.average_order_value, sales.currency);
        $('kpi-decline').textContent = payments.decline_rate === null ? '–'
            : (payments.decline_rate * 100).toFixed(1) + ' %';
        drawSales(sales);
        drawFunnel(funnel);
        drawProducts(top);
        drawPayments(payments);
        await csvLink(range);
        $('status').textContent = '';
        document.body.dataset.loaded = 'true';
    } catch (e) {
        $('status').textContent = e.message;
    }
}

/** The CSV needs the token too, so it is fetched and offered as a file rather than linked to. */
async function csvLink(range) {
    const response = await fetch(api + '/analytics/sales?format=csv&' + range,
        {headers: {Authorization: 'Bearer ' + token}});
    if (response.ok) {
        $('csv').href = URL.createObjectURL(await response.blob());
        $('csv').download = 'sales-' + $('from').value + '-' + $('to').value + '.csv';
    }
}

$('sign-in').addEventListener('submit', async event => {
    event.preventDefault();
    $('sign-in-error').textContent = '';
    const response = await fetch(api + '/auth/login', {
        method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({email: $('email').value, password: $('password').value})
    });
    const body = await response.json();
    if (!response.ok) {
        $('sign-in-error').textContent = body.error ? body.error.message : 'Sign-in failed';
        return;
    }
    token = body.access_token;
    $('who').textContent = $('email').value;
    $('sign-in').hidden = true;
    $('dashboard').hidden = false;
    const today = new Date();
    $('to').value = isoDay(today);
    $('from').value = isoDay(new Date(today.getTime() - 29 * 86400000));
    await show();
});

$('range').addEventListener('submit', event => {
    event.preventDefault();
    show();
});

window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
