// shop.js — the example shop's behaviour: sign-in, a cart in session storage, search, and a single-page view switch.
'use strict';
const catalogue = [
  { id: 'lamp', name: 'Desk lamp', price: 39 }, { id: 'chair', name: 'Office chair', price: 189 },
  { id: 'mug', name: 'Coffee mug', price: 12 }, { id: 'floor-lamp', name: 'Floor lamp', price: 79 },
  { id: 'notebook', name: 'Notebook', price: 6 }, { id: 'headset', name: 'Headset', price: 59 },
];
const cart = () => JSON.parse(sessionStorage.getItem('cart') || '{}');
const saveCart = (c) => sessionStorage.setItem('cart', JSON.stringify(c));
const money = (n) => `€${n.toFixed(2)}`;

function header() {
  const count = Object.values(cart()).reduce((a, b) => a + b, 0);
  const el = document.querySelector('header .cart-link');
  if (el) el.textContent = `Cart (${count})`;
  const who = document.querySelector('header .who');
  if (who) who.textContent = sessionStorage.getItem('user') || '';
}

function signIn() {
  document.querySelector('form#sign-in').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem('user', document.querySelector('#email').value);
    location.href = 'products.html';
  });
}

function products() {
  const q = new URLSearchParams(location.search).get('q') || '';
  document.querySelector('#search').value = q;
  const list = document.querySelector('.products');
  const render = () => {
    const view = new URLSearchParams(location.search).get('view') || 'grid';
    list.className = 'products' + (view === 'list' ? ' list' : '');
    document.querySelector('#view-toggle').textContent = view === 'list' ? 'Show as grid' : 'Show as list';
  };
  list.replaceChildren(...catalogue.filter((p) => p.name.toLowerCase().includes(q.toLowerCase())).map((p) => {
    const li = document.createElement('li');
    li.innerHTML = `<h3>${p.name}</h3><span class="price">${money(p.price)}</span>
      <button type="button" aria-label="Add ${p.name} to cart">Add to cart</button>`;
    li.querySelector('button').onclick = () => { const c = cart(); c[p.id] = (c[p.id] || 0) + 1; saveCart(c); header(); };
    return li;
  }));
  document.querySelector('#view-toggle').onclick = () => {
    const params = new URLSearchParams(location.search);
    params.set('view', params.get('view') === 'list' ? 'grid' : 'list');
    history.pushState(null, '', `?${params}`);
    render();
  };
  addEventListener('popstate', render);
  render();
}

function cartPage() {
  const body = document.querySelector('#cart-items');
  const draw = () => {
    const c = cart();
    let total = 0;
    body.replaceChildren(...Object.entries(c).map(([id, qty]) => {
      const p = catalogue.find((x) => x.id === id);
      total += p.price * qty;
      const row = document.createElement('tr');
      row.innerHTML = `<td>${p.name}</td><td><select aria-label="Quantity of ${p.name}">
        ${[1, 2, 3, 4, 5].map((n) => `<option${n === qty ? ' selected' : ''}>${n}</option>`).join('')}</select></td>
        <td>${money(p.price * qty)}</td><td><button type="button">Remove ${p.name}</button></td>`;
      row.querySelector('select').onchange = (e) => { c[id] = Number(e.target.value); saveCart(c); draw(); header(); };
      row.querySelector('button').onclick = () => { delete c[id]; saveCart(c); draw(); header(); };
      return row;
    }));
    document.querySelector('#total').textContent = money(total);
  };
  draw();
}

function checkout() {
  document.querySelector('form#checkout').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem('order', String(100000 + Math.floor(Math.random() * 899999)));
    sessionStorage.removeItem('cart');
    location.href = 'done.html';
  });
}

function done() { document.querySelector('#order').textContent = sessionStorage.getItem('order') || '?'; }

addEventListener('DOMContentLoaded', () => {
  header();
  ({ 'sign-in': signIn, products, cart: cartPage, checkout, done })[document.body.dataset.page]?.();
});
